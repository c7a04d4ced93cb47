/**
 * The harness for {@code *E2E} tests on the real local cluster (hack/cluster): {@link
 * io.qnative.testing.e2e.LocalCluster} starts the cluster and a {@link
 * io.qnative.testing.nodeagent.NodeAgent} once per test run, injects an admin {@code KubernetesClient} and
 * gives every test method its own namespace.
 */
package io.qnative.testing.e2e;
