package io.qnative.webhook;

import io.qnative.certs.CertificateBundle;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.testing.e2e.LocalCluster;
import io.qnative.testing.e2e.TestNamespace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Two replicas racing on a real API server (real optimistic locking) end with one certificate: concurrent
 * creation of the Secret, then concurrent renewal once both clocks say it is due.
 */
@LocalCluster
class ReplicaAgreementE2E {

    @Test
    void twoReplicasAgreeOnOneCertificate(KubernetesClient client, TestNamespace ns) throws Exception {
        WebhookCertificates.Settings settings = new WebhookCertificates.Settings(ns.name(), "webhook-certs",
                List.of("webhook", "webhook." + ns.name() + ".svc"), List.of(), Duration.ofHours(3),
                Duration.ofMinutes(1), Optional.empty());
        TestClock clock = new TestClock(Instant.now());
        List<CertificateBundle> servedA = new CopyOnWriteArrayList<>();
        List<CertificateBundle> servedB = new CopyOnWriteArrayList<>();
        WebhookCertificates a = new WebhookCertificates(client, settings, servedA::add, clock);
        WebhookCertificates b = new WebhookCertificates(client, settings, servedB::add, clock);

        race(a, b);
        CertificateBundle created = stored(client, ns);
        assertThat(a.current()).isEqualTo(created);
        assertThat(b.current()).isEqualTo(created);

        clock.now = clock.now.plus(Duration.ofHours(2).plusMinutes(30));
        race(a, b);
        CertificateBundle renewed = stored(client, ns);
        assertThat(renewed).isNotEqualTo(created);
        assertThat(a.current()).isEqualTo(renewed);
        assertThat(b.current()).isEqualTo(renewed);
        assertThat(servedA).last().isEqualTo(renewed);
        assertThat(servedB).last().isEqualTo(renewed);
        assertThat(renewed.caPem()).as("the previous CA stays trusted").contains(created.caPem().strip());
    }

    private static void race(WebhookCertificates a, WebhookCertificates b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> await(start, a));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> await(start, b));
        CompletableFuture.allOf(first, second).get();
    }

    private static void await(CyclicBarrier barrier, WebhookCertificates certs) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        certs.check();
    }

    private static CertificateBundle stored(KubernetesClient client, TestNamespace ns) {
        Secret secret = client.secrets().inNamespace(ns.name()).withName("webhook-certs").get();
        return CertificateBundle.fromSecretData(secret.getData()).orElseThrow();
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
