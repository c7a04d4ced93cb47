package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

/** The warm-up runs the client's real serialization and TLS code, so a change that breaks either shows here. */
class ClientWarmupTest {

    @Test
    void readsTheConfigMapThroughTheClientsSerializationBothWays() throws Exception {
        ConfigMap expected = new ConfigMapBuilder().withNewMetadata().withName("warmup")
                .withNamespace("knative-serving").addToLabels("app", "warmup").endMetadata()
                .addToData("key", "value").build();

        assertThat(ClientWarmup.run()).isEqualTo(expected);
    }

    @Test
    void writesATlsHandshakeRecordWithTheClientHello() throws Exception {
        // a TLS record header (5 bytes) and a ClientHello with its ciphers, extensions and key share
        assertThat(ClientWarmup.clientHello()).isGreaterThan(200);
    }

    @Test
    void runsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread thread = ClientWarmup.start();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo(ClientWarmup.THREAD_NAME);
        thread.join();
        assertThat(thread.isAlive()).isFalse();
    }
}
