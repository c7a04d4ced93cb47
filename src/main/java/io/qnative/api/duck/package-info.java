/**
 * Knative's duck types ({@code knative.dev/pkg/apis/duck/v1}): conditions, the shared status block,
 * addressable endpoints and object references, plus the condition set that derives {@code Ready}.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.duck;
