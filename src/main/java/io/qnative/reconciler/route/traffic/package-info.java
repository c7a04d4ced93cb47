/**
 * Traffic resolution of a Route (Knative {@code route/traffic}; traffic.go, rollout.go): spec
 * targets flattened to Revisions, grouped by tag, the {@code status.traffic} builder, the referenced objects the
 * reconciler watches and the labeler marks, and the gradual-rollout state kept in the KIngress annotation. Pure:
 * Configurations and Revisions are read through plain lookup functions.
 *
 * <p>Must not import the Kubernetes client, CDI, Quarkus, Micrometer or a clock.
 */
package io.qnative.reconciler.route.traffic;
