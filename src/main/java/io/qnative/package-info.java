/**
 * qnative: Knative Serving in one process. Startup wiring and the explicit list of controllers.
 *
 * <p>May import every other package; they must not import this one, except {@code observability}, which reads
 * the controllers' state for health and metrics.
 */
package io.qnative;
