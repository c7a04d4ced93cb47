package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.qnative.testing.e2e.LocalCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeRegistrar} against the real local cluster's API server, on nodes of its own ({@code takeover-*}, next
 * to the agent's): taking over an earlier run's node while another writer changes it.
 */
@LocalCluster
class NodeRegistrarE2E {

    private static final NodeAgentOptions OPTIONS = new NodeAgentOptions(1, "takeover-", false, Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20), 1);

    /**
     * The write seen once making an agent exit at start: between the registrar's read of an existing node and its
     * patch, another writer (the node lifecycle controller tainting a stale node, in the wild; here the test, just
     * before the patch leaves) changes the node, so the patch's resourceVersion is stale and the API server answers
     * 409. The registrar reads and patches again, as a kubelet does, keeping the other writer's change.
     */
    @Test
    void takingOverANodeThatChangesUnderTheWriteRetriesTheConflict(KubernetesClient client) {
        String node = OPTIONS.nodeName(1);
        try {
            NodeRegistrar earlier = new NodeRegistrar(client, OPTIONS, "earlier-run");
            earlier.register();
            earlier.release();

            AtomicInteger raced = new AtomicInteger();
            Interceptor racer = new Interceptor() {
                @Override
                public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                    if ("PATCH".equals(request.method()) && request.uri().getPath().endsWith("/nodes/" + node)
                            && raced.getAndIncrement() == 0) {
                        client.nodes().withName(node).edit(n -> new NodeBuilder(n).editMetadata()
                                .addToAnnotations("test/concurrent-writer", "was-here").endMetadata().build());
                    }
                }
            };
            try (KubernetesClient racing = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("racer", racer)).build()) {
                new NodeRegistrar(racing, OPTIONS, "this-run").register();
            }

            assertThat(raced.get()).as("node patches sent (the first lost the race)").isEqualTo(2);
            Node after = client.nodes().withName(node).get();
            assertThat(after.getMetadata().getAnnotations())
                    .containsEntry(NodeRegistrar.AGENT_ANNOTATION, "this-run")
                    .containsEntry("test/concurrent-writer", "was-here");
        } finally {
            client.leases().inNamespace(NodeRegistrar.LEASE_NAMESPACE).withName(node).delete();
            client.nodes().withName(node).delete();
        }
    }
}
