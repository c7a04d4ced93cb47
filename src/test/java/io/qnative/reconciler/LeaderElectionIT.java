package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.qnative.config.QnativeConfig;
import io.qnative.reconciler.LeaderElection.Role;
import io.qnative.testing.TestConfigs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leader election against the mock API server. Contention between replicas needs optimistic locking the mock
 * server does not enforce, so it is tested on the real local cluster (LeaderElectionE2E).
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionIT {

    KubernetesClient client;

    private final AtomicInteger aLeads = new AtomicInteger();
    private final AtomicInteger aStops = new AtomicInteger();
    private LeaderElection a;
    private LeaderElection b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    void aSingleReplicaTakesTheLeaseAndReleasesIt() {
        a = new LeaderElection(client, TestConfigs.qnative(), "replica-a", aLeads::incrementAndGet,
                aStops::incrementAndGet);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.role() == Role.LEADER);
        Lease lease = client.leases().inNamespace("knative-serving").withName("qnative-controller").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-a");
        assertThat(aLeads).hasValue(1);
        a.stop();
        assertThat(aStops).hasValue(1);
        assertThat(a.role()).isEqualTo(Role.CANDIDATE);
    }

    @Test
    void disabledElectionLeadsAtOnce() {
        a = new LeaderElection(client, TestConfigs.qnative(false), "solo", aLeads::incrementAndGet, () -> { });
        a.start();
        assertThat(a.role()).isEqualTo(Role.LEADER);
        assertThat(aLeads).hasValue(1);
    }
}
