/**
 * Knative's duck types ({@code knative.dev/pkg/apis/duck/v1}): conditions, the shared status block,
 * addressable endpoints and object references, plus the condition set that derives {@code Ready}.
 */
package io.qnative.api.duck;
