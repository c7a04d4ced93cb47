/**
 * {@code serving.knative.dev/v1}: Service, Configuration, Revision and Route, their specs and statuses, and each
 * kind's condition types, reasons and condition set.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.serving.v1;
