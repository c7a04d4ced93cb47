/**
 * {@code serving.knative.dev/v1beta1}: DomainMapping, which maps a custom domain to an Addressable.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.serving.v1beta1;
