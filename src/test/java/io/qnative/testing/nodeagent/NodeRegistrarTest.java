package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link NodeRegistrar#retryOnConflict}; the race itself against an API server is in {@link NodeRegistrarE2E}. */
class NodeRegistrarTest {

    @Test
    void aConflictIsWrittenAgainUntilTheWriteGoesThrough() {
        AtomicInteger tries = new AtomicInteger();
        String written = NodeRegistrar.retryOnConflict(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new KubernetesClientException("conflict", 409, null);
            }
            return "written";
        });
        assertThat(written).isEqualTo("written");
        assertThat(tries.get()).isEqualTo(3);
    }

    @Test
    void aWriteThatKeepsConflictingFailsAfterFiveTries() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> NodeRegistrar.retryOnConflict(() -> {
            tries.incrementAndGet();
            throw new KubernetesClientException("conflict", 409, null);
        })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("conflict");
        assertThat(tries.get()).isEqualTo(NodeRegistrar.CONFLICT_ATTEMPTS).isEqualTo(5);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> NodeRegistrar.retryOnConflict(() -> {
            tries.incrementAndGet();
            throw new KubernetesClientException("forbidden", 403, null);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(tries.get()).isEqualTo(1);
    }
}
