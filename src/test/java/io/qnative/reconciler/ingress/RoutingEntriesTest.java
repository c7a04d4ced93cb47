package io.qnative.reconciler.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.testing.Admission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A KIngress's splits as the routing table gets them: Knative's percent defaulting. */
class RoutingEntriesTest {

    private static RoutingTable.Path onlyPath(String splitsYaml) {
        Ingress ing = Admission.yaml(Ingress.class, """
                metadata: {name: i, namespace: ns}
                spec:
                  rules:
                  - hosts: [h.example.com]
                    http:
                      paths:
                      - splits:
                """ + splitsYaml.indent(8));
        return RoutingEntries.of(ing).rules().get(0).paths().get(0);
    }

    @Test
    void aLoneSplitWithoutAPercentTakesAll() {
        RoutingTable.Path path = onlyPath("- {serviceName: a, servicePort: 80}\n");
        assertThat(path.splits()).extracting(RoutingTable.Split::percent).containsExactly(100);
        RoutingTable.Path zero = onlyPath("- {serviceName: a, servicePort: 80, percent: 0}\n");
        assertThat(zero.splits()).extracting(RoutingTable.Split::percent).containsExactly(100);
    }

    /** Knative's Go client omits a 0% split's percent: among several splits it is 0, never 100. */
    @Test
    void aSplitWithoutAPercentAmongSeveralGetsNothing() {
        RoutingTable.Path path = onlyPath("""
                - {serviceName: zero, servicePort: 80}
                - {serviceName: a, servicePort: 80, percent: 30}
                - {serviceName: b, servicePort: 80, percent: 70}
                """);
        assertThat(path.splits()).extracting(RoutingTable.Split::percent).containsExactly(0, 30, 70);
        Set<String> picked = new HashSet<>();
        for (int roll = 0; roll < 100; roll++) {
            picked.add(path.pick(roll).orElseThrow().backend().serviceName());
        }
        assertThat(picked).isEqualTo(Set.of("a", "b"));
        assertThat(List.of(path.pick(29).orElseThrow().backend().serviceName(),
                path.pick(30).orElseThrow().backend().serviceName())).containsExactly("a", "b");
    }
}
