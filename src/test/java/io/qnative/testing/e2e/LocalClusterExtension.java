package io.qnative.testing.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.testing.nodeagent.NodeAgent;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link LocalCluster}: one {@link ClusterSession} per test run, kept in the root
 * context's store and closed (agent stopped, cluster down) when the run ends; a fresh namespace per test
 * method. A failed cluster start is remembered and fails every test that needs the cluster.
 */
public final class LocalClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LocalClusterExtension.class);
    private static final String NAMESPACE_KEY = "namespace";
    private static final Duration NAMESPACE_READY = Duration.ofSeconds(60);

    /** Holds the session or why it could not start, so a broken cluster is not restarted for every class. */
    private record Holder(ClusterSession session, RuntimeException failure) implements AutoCloseable {
        ClusterSession get() {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return session;
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        KubernetesClient client = session(context).client();
        String name = "e2e-" + randomSuffix();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("qnative.io/e2e", "true").endMetadata().build()).create();
        context.getStore(STORE).put(NAMESPACE_KEY, new TestNamespace(name));
        await("default ServiceAccount in namespace " + name).atMost(NAMESPACE_READY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestNamespace ns = context.getStore(STORE).remove(NAMESPACE_KEY, TestNamespace.class);
        if (ns != null && !"1".equals(System.getenv("QNATIVE_KEEP_NAMESPACES"))) {
            session(context).client().namespaces().withName(ns.name()).delete();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == TestNamespace.class || type == ClusterSession.class
                || type == NodeAgent.class || type == ImageRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ClusterSession session = session(context);
        if (type == TestNamespace.class) {
            TestNamespace ns = context.getStore(STORE).get(NAMESPACE_KEY, TestNamespace.class);
            if (ns == null) {
                throw new IllegalStateException("a TestNamespace exists only for test methods (not @BeforeAll)");
            }
            return ns;
        }
        if (type == KubernetesClient.class) {
            return session.client();
        }
        if (type == NodeAgent.class) {
            return session.agent();
        }
        if (type == ImageRegistry.class) {
            return session.registry();
        }
        return session;
    }

    /** The run's session, started by the first caller (the test class's extensions, in any order). */
    static ClusterSession session(ExtensionContext context) {
        return context.getRoot().getStore(STORE).computeIfAbsent(Holder.class, key -> {
            try {
                return new Holder(ClusterSession.start(), null);
            } catch (RuntimeException e) {
                return new Holder(null, e);
            }
        }, Holder.class).get();
    }

    /** The current test method's namespace, or null outside a test method or once deleted. */
    static TestNamespace namespace(ExtensionContext context) {
        return context.getStore(STORE).get(NAMESPACE_KEY, TestNamespace.class);
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
