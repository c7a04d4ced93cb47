/**
 * {@code qnative simulate}: replays a load trace (or a recording of Knative autoscaler decisions) through the real
 * KPA, without a cluster. The trace's annotations and {@code config-autoscaler} keys are resolved as the
 * PodAutoscaler reconciler resolves them; load goes through the metric windows, the decider decides every tick, and
 * its decision is gated as the reconciler gates it ({@code ScaleGate}), against simulated pods that become ready a
 * configurable delay after they were asked for. See docs/simulate.md.
 *
 * <p>Runs before (and instead of) Quarkus: must not import CDI, Quarkus, Vert.x, Micrometer or the Kubernetes
 * client, open a port or read a clock; time is the trace's.
 */
package io.qnative.simulate;
