package io.qnative.testing.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1beta1.DomainMapping;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link WithQnative}: starts qnative (and a {@link GatewayClient} when asked) before the
 * class, sets the class's static {@link RunningQnative} and {@link GatewayClient} fields, deletes the test
 * namespace's DomainMappings and ksvcs after each method while qnative runs, and stops both when the class ends
 * (they sit in the class context's store, which JUnit closes after the class's {@code @AfterAll} methods).
 */
public final class QnativeExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(QnativeExtension.class);
    /** How long the clean-up waits for the finalizers of the test's Routes and DomainMappings. */
    private static final Duration CLEAN_UP = Duration.ofSeconds(180);

    /** What the class context's store closes when the class ends: the client first, then qnative. */
    private record Started(RunningQnative qnative, GatewayClient http) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (http != null) {
                    http.close();
                }
            } finally {
                qnative.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        WithQnative settings = testClass.getAnnotation(WithQnative.class);
        if (settings == null) {
            throw new IllegalStateException(testClass.getName() + " must be annotated @WithQnative");
        }
        ClusterSession cluster = LocalClusterExtension.session(context);
        RunningQnative qnative = new RunningQnative(cluster, QnativeProcess.start(cluster, settings.value()));
        GatewayClient http = null;
        try {
            http = settings.gatewayConnections() > 0 ? new GatewayClient(settings.gatewayConnections()) : null;
            Started started = new Started(qnative, http);
            context.getStore(STORE).put(Started.class, started);
            inject(testClass, started);
        } catch (RuntimeException | Error e) {
            if (context.getStore(STORE).get(Started.class) == null) {
                new Started(qnative, http).close();
            }
            throw e;
        }
    }

    /** Sets every static field of the class (and its superclasses) typed RunningQnative or GatewayClient. */
    private static void inject(Class<?> testClass, Started started) throws IllegalAccessException {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                    continue;
                }
                if (f.getType() == RunningQnative.class) {
                    f.setAccessible(true);
                    f.set(null, started.qnative());
                } else if (f.getType() == GatewayClient.class) {
                    if (started.http() == null) {
                        throw new IllegalStateException(c.getName() + "." + f.getName()
                                + " needs @WithQnative(gatewayConnections = n) with n > 0");
                    }
                    f.setAccessible(true);
                    f.set(null, started.http());
                }
            }
        }
    }

    /**
     * Deletes the test namespace's DomainMappings, ksvcs and Routes and waits until their finalizers are gone; runs
     * before {@link LocalClusterExtension} deletes the namespace (after-callbacks run in reverse registration order). A
     * test that left qnative stopped gets a new one first: without it the finalizers stay and the class's later
     * tests meet no gateway.
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestNamespace ns = LocalClusterExtension.namespace(context);
        Started started = context.getStore(STORE).get(Started.class, Started.class);
        if (ns == null || started == null) {
            return;
        }
        if (!started.qnative().isAlive()) {
            started.qnative().restart(context.getRequiredTestClass().getAnnotation(WithQnative.class).value()
                    + "-restarted");
        }
        KubernetesClient client = LocalClusterExtension.session(context).client();
        String n = ns.name();
        client.resources(DomainMapping.class).inNamespace(n).delete();
        client.resources(Service.class).inNamespace(n).delete();
        // standalone Routes too (a Route and Configuration without a ksvc, as Knative's TestRouteCreation makes)
        client.resources(Route.class).inNamespace(n).delete();
        await("DomainMappings and Routes of " + n + " finalized").atMost(CLEAN_UP)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> client.resources(DomainMapping.class).inNamespace(n).list().getItems().isEmpty()
                        && client.resources(Route.class).inNamespace(n).list().getItems().isEmpty());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningQnative.class || type == GatewayClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getStore(STORE).get(Started.class, Started.class);
        if (started == null) {
            throw new IllegalStateException("qnative is not running: is the class annotated @WithQnative?");
        }
        if (parameter.getParameter().getType() == RunningQnative.class) {
            return started.qnative();
        }
        if (started.http() == null) {
            throw new IllegalStateException("a GatewayClient needs @WithQnative(gatewayConnections = n) with n > 0");
        }
        return started.http();
    }
}
