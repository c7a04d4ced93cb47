package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.config.QnativeConfig;
import io.qnative.reconciler.LeaderElection.Role;
import io.qnative.testing.TestConfigs;
import io.qnative.testing.e2e.LocalCluster;
import io.qnative.testing.e2e.TestNamespace;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two replicas contend for one Lease on a real API server: one leads, the other takes over when it leaves. */
@LocalCluster
class LeaderElectionE2E {

    @Test
    void oneLeadsTheOtherStandsByAndTakesOver(KubernetesClient client, TestNamespace ns) {
        QnativeConfig config = TestConfigs.qnative(true, ns.name());
        AtomicInteger aLeads = new AtomicInteger();
        AtomicInteger aStops = new AtomicInteger();
        AtomicInteger bLeads = new AtomicInteger();
        LeaderElection a = new LeaderElection(client, config, "replica-a", aLeads::incrementAndGet,
                aStops::incrementAndGet);
        LeaderElection b = new LeaderElection(client, config, "replica-b", bLeads::incrementAndGet, () -> { });
        try {
            a.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> a.role() == Role.LEADER);
            b.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.role() == Role.STANDBY);
            assertThat(b.leader()).isEqualTo("replica-a");
            Lease lease = client.leases().inNamespace(ns.name()).withName("qnative-controller").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-a");
            assertThat(bLeads).hasValue(0);

            a.stop();
            assertThat(aStops).hasValue(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.role() == Role.LEADER);
            assertThat(bLeads).hasValue(1);
            assertThat(aLeads).hasValue(1);
            assertThat(client.leases().inNamespace(ns.name()).withName("qnative-controller").get().getSpec()
                    .getHolderIdentity()).isEqualTo("replica-b");
        } finally {
            a.stop();
            b.stop();
        }
    }
}
