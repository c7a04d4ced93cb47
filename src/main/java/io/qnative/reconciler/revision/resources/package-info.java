/**
 * Pure builders of a Revision's children (Knative's {@code pkg/reconciler/revision/resources}, adapted as
 * docs/differences-from-knative.md says): the Deployment running the user's containers, the public and private
 * Kubernetes Services Knative's
 * ServerlessService would create, and the PodAutoscaler.
 *
 * <p>Where the output differs from Knative's on purpose:
 * <ul>
 *   <li>no queue-proxy container, no {@code :8022/wait-for-drain} preStop hook; on Kubernetes 1.30+ a preStop
 *       {@code sleep} instead ({@link io.qnative.reconciler.revision.resources.DeploymentOptions});</li>
 *   <li>readiness probes stay on their containers (port 0 of the serving container's becomes the user port), and
 *       liveness probes get no {@code K-Kubelet-Probe} header (it only served queue-proxy);</li>
 *   <li>the serving container's port keeps the name {@code h2c} when the user gave it (else {@code user-port});</li>
 *   <li>{@code <rev>} and {@code <rev>-private} are owned by the Revision (Knative: by the ServerlessService) and
 *       {@code <rev>} targets the gateway's internal listeners, not the activator's 8012/8013/8112;</li>
 *   <li>the {@code serving.knative.dev/deployment-hash} value is FNV-1a over sorted JSON, not over Go's
 *       {@code dump.ForHash}: same purpose (update only on change), different digits.</li>
 * </ul>
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Vert.x, Micrometer, OpenTelemetry, loggers or a clock; of
 * {@code io.qnative.kube} only {@link io.qnative.kube.Kmeta}.
 */
package io.qnative.reconciler.revision.resources;
