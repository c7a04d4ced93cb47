/**
 * The Knative API types qnative serves, as plain Jackson-mapped classes over fabric8's Kubernetes model.
 *
 * <p>Nothing under {@code io.qnative.api} imports the Kubernetes client, CDI, Quarkus or Micrometer: these are
 * data types with pure helpers, usable from builders, the webhook and tests alike.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer or any of qnative's runtime packages
 * ({@code kube}, {@code reconciler}, {@code webhook}, {@code gateway}); {@code io.qnative.config}'s pure records
 * are allowed.
 */
package io.qnative.api;
