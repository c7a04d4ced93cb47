/**
 * Pure builders of a Service's children (Knative's {@code pkg/reconciler/service/resources}): its Configuration and
 * its Route, both named after the Service.
 */
package io.qnative.reconciler.service.resources;
