/**
 * The harness for {@code *E2E} tests on the real local cluster (hack/cluster): {@link
 * io.qnative.testing.e2e.LocalCluster} starts the cluster and a {@link
 * io.qnative.testing.nodeagent.NodeAgent} once per test run, injects an admin {@code KubernetesClient} and
 * gives every test method its own namespace; {@link io.qnative.testing.e2e.WithQnative} adds qnative as its
 * packaged binary, started once per class, with the test namespace's ksvcs deleted after each test.
 */
package io.qnative.testing.e2e;
