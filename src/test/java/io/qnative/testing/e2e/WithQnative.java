package io.qnative.testing.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one way an {@code *E2E} class gets a running qnative: what {@link LocalCluster} gives (the cluster, an admin
 * client, a fresh namespace per test method) plus qnative as its packaged binary ({@link QnativeProcess}), started
 * once for the class and stopped after it, by {@link QnativeExtension}.
 *
 * <ul>
 * <li>Static fields of type {@link RunningQnative} and {@link GatewayClient} declared in the test class are set
 * before its {@code @BeforeAll} methods run; both types can also be parameters of test and lifecycle methods.</li>
 * <li>After each test method, and while qnative still runs, the DomainMappings, ksvcs and Routes of the test's
 * namespace are deleted and their finalizers awaited (a Route keeps its namespace terminating while no labeler runs, as in
 * Knative), so the namespace can go.</li>
 * </ul>
 *
 * <pre>{@code
 * @WithQnative(value = "gateway", gatewayConnections = 300)
 * class MyE2E {
 *     private static RunningQnative qnative;
 *     private static GatewayClient http;
 *
 *     @Test
 *     void works(KubernetesClient client, TestNamespace ns) { ... http.get(qnative.internalHttp(), host, "/") ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({LocalClusterExtension.class, QnativeExtension.class})
public @interface WithQnative {

    /** Names qnative's log, {@code target/e2e/qnative-<value>.log}, and its pod name. */
    String value();

    /** The {@link GatewayClient}'s connections per listener; 0 (the default) for no client. */
    int gatewayConnections() default 0;
}
