package io.qnative.testing.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the local Kubernetes cluster of hack/cluster, started once per test run by
 * {@link LocalClusterExtension} together with an in-process node agent. Test methods and lifecycle methods
 * can take a {@code KubernetesClient} (admin), a {@link TestNamespace} (fresh per test method, deleted
 * after it), a {@link ClusterSession}, the {@code NodeAgent} or the cluster's {@link ImageRegistry} as parameters.
 *
 * <pre>{@code
 * @LocalCluster
 * class MyE2E {
 *     @Test
 *     void works(KubernetesClient client, TestNamespace ns) { ... }
 * }
 * }</pre>
 *
 * <p>The cluster is stopped with {@code hack/cluster/down.sh} when the run ends, unless {@code
 * QNATIVE_KEEP_CLUSTER=1} is set or the cluster was already running before the run (then it is not this
 * run's to stop). A cluster that fails to start fails every test with the paths of the logs. A class that needs a
 * running qnative uses {@link WithQnative} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalClusterExtension.class)
public @interface LocalCluster {
}
