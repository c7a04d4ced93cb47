/**
 * Admission on the API types, as Knative's {@code knative.dev/pkg/apis}: field errors with paths
 * ({@link io.qnative.api.validation.FieldError}), the context a defaulting or validation pass sees, the interfaces the
 * kinds implement, and the Kubernetes name checks and Go value formatting their messages embed. Pure: the webhook is
 * a thin transport over these.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x or Micrometer (see {@code io.qnative.api}).
 */
package io.qnative.api.validation;
