/**
 * The {@code serving.knative.dev} API group: label and annotation keys shared by its versions, and the admission
 * rules shared by its kinds (Knative's {@code pkg/apis/serving}): metadata and annotation rules, and the pod-spec,
 * container, probe and volume rules with their {@code config-features} gates.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.serving;
