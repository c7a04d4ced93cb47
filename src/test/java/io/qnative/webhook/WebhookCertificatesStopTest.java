package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the certificate checks does not wait for an API call in flight. */
class WebhookCertificatesStopTest {

    @Test
    void stopReturnsWhileACheckWaitsForTheApiServer() throws Exception {
        // an API server that accepts the connection and never answers: the check's GET of the Secret hangs
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                        .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(120_000)
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            WebhookCertificates certs = new WebhookCertificates(client, new WebhookCertificates.Settings("qn",
                    "webhook-certs", List.of("webhook"), List.of(), Duration.ofDays(1), Duration.ofMinutes(1),
                    Optional.empty()), bundle -> { }, Clock.systemUTC());
            certs.start();
            try (Socket accepted = silent.accept()) {
                // the check is in its GET now, holding its lock; stop() on another thread must come back
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(certs::stop);
                stopped.get(30, TimeUnit.SECONDS);
                assertThat(stopped).isCompleted();
                assertThat(certs.current()).isNull();
            }
        }
    }
}
