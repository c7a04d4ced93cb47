/**
 * Pure builders of a Configuration's children (Knative's {@code pkg/reconciler/configuration/resources}): the
 * Revision of its current generation.
 */
package io.qnative.reconciler.configuration.resources;
