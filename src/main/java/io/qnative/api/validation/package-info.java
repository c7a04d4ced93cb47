/**
 * Admission on the API types, as Knative's {@code knative.dev/pkg/apis}: field errors with paths, the context a
 * defaulting or validation pass sees, and the interfaces the kinds implement. Pure: the webhook is a thin transport
 * over these.
 */
package io.qnative.api.validation;
