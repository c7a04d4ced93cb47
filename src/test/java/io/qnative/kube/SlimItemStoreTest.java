package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qnative.api.serving.v1.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlimItemStoreTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** A Deployment as the API server answers it: defaults, managed fields, kubectl's annotation, one unknown field. */
    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"hello-00001-deployment","namespace":"ns","uid":"u1","resourceVersion":"42",
               "labels":{"serving.knative.dev/revision":"hello-00001","app":"hello-00001"},
               "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"big\\":\\"copy\\"}",
                 "serving.knative.dev/creator":"admin"},
               "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"apps/v1"}],
               "ownerReferences":[{"apiVersion":"serving.knative.dev/v1","kind":"Revision","name":"hello-00001",
                 "uid":"r1","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"replicas":1,"progressDeadlineSeconds":600,
               "selector":{"matchLabels":{"serving.knative.dev/revisionUID":"r1"}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
               "template":{"metadata":{"labels":{"serving.knative.dev/revisionUID":"r1"}},
                 "spec":{"containers":[{"name":"user-container","image":"example/hello",
                   "ports":[{"name":"user-port","containerPort":8080,"protocol":"TCP"}],
                   "readinessProbe":{"tcpSocket":{"port":8080},"successThreshold":1},
                   "resources":{"limits":{"cpu":"1"}}}],
                   "futureField":{"x":1}}}},
             "status":{"replicas":1,"readyReplicas":1,"availableReplicas":1,
               "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"}]}}
            """;

    private static Deployment deployment() {
        return JSON.unmarshal(DEPLOYMENT, Deployment.class);
    }

    /** Every {@code additionalProperties} map in the tree, found through the public getters' JSON view. */
    private static List<Map<String, Object>> additionalMaps(Deployment d) {
        List<Map<String, Object>> maps = new ArrayList<>();
        maps.add(d.getAdditionalProperties());
        maps.add(d.getMetadata().getAdditionalProperties());
        maps.add(d.getMetadata().getOwnerReferences().get(0).getAdditionalProperties());
        maps.add(d.getSpec().getAdditionalProperties());
        maps.add(d.getSpec().getSelector().getAdditionalProperties());
        maps.add(d.getSpec().getStrategy().getRollingUpdate().getAdditionalProperties());
        maps.add(d.getStatus().getConditions().get(0).getAdditionalProperties());
        if (d.getSpec().getTemplate().getSpec() != null) {
            var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            maps.add(c.getAdditionalProperties());
            maps.add(c.getPorts().get(0).getAdditionalProperties());
            maps.add(c.getReadinessProbe().getTcpSocket().getAdditionalProperties());
            maps.add(c.getResources().getAdditionalProperties());
        }
        return maps;
    }

    @Test
    void keepsAnEqualObjectWithOneSharedEmptyMapAndWithoutManagedFieldsOrLastApplied() {
        Deployment original = deployment();
        Deployment slim = deployment();
        SlimItemStore.slim(slim, d -> { });

        assertThat(slim.getMetadata().getManagedFields()).isEmpty();
        assertThat(slim.getMetadata().getAnnotations()).containsOnlyKeys("serving.knative.dev/creator");
        List<Map<String, Object>> maps = additionalMaps(slim);
        assertThat(maps).allMatch(Map::isEmpty);
        Set<Object> instances = Collections.newSetFromMap(new IdentityHashMap<>());
        instances.addAll(maps);
        assertThat(instances).as("one shared map instance").hasSize(1);
        assertThat(slim.getSpec().getTemplate().getSpec().getAdditionalProperties())
                .as("an unknown field is kept").containsOnlyKeys("futureField");

        original.getMetadata().setManagedFields(new ArrayList<>());
        original.getMetadata().getAnnotations().remove(Kmeta.LAST_APPLIED_CONFIGURATION);
        assertThat(slim).isEqualTo(original);
        assertThat(slim.hashCode()).isEqualTo(original.hashCode());
        assertThat(JSON.asJson(slim)).isEqualTo(JSON.asJson(original));
        assertThat(Kmeta.deepCopy(slim, Deployment.class)).isEqualTo(Kmeta.deepCopy(original, Deployment.class));
    }

    @Test
    void objectsReadApartShareTheirRepeatedStringsButNotTheirUniqueOnes() {
        Deployment a = deployment();
        Deployment b = deployment();
        assertThat(a.getMetadata().getNamespace()).as("as read").isNotSameAs(b.getMetadata().getNamespace());
        SlimItemStore.slim(a, d -> { });
        SlimItemStore.slim(b, d -> { });
        assertThat(a.getMetadata().getNamespace()).isSameAs(b.getMetadata().getNamespace());
        assertThat(a.getMetadata().getName()).isSameAs(b.getMetadata().getName());
        assertThat(a.getMetadata().getLabels().get("app")).isSameAs(b.getMetadata().getLabels().get("app"));
        assertThat(a.getMetadata().getAnnotations().get("serving.knative.dev/creator"))
                .isSameAs(b.getMetadata().getAnnotations().get("serving.knative.dev/creator"));
        assertThat(a.getMetadata().getOwnerReferences().get(0).getKind())
                .isSameAs(b.getMetadata().getOwnerReferences().get(0).getKind());
        assertThat(a.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isSameAs(b.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertThat(a.getStatus().getConditions().get(0).getReason())
                .isSameAs(b.getStatus().getConditions().get(0).getReason());
        assertThat(a.getMetadata().getUid()).as("unique per object: not interned").isEqualTo(b.getMetadata().getUid())
                .isNotSameAs(b.getMetadata().getUid());
        assertThat(a.getMetadata().getResourceVersion()).isNotSameAs(b.getMetadata().getResourceVersion());
    }

    @Test
    void anEditedCopyGetsMapsOfItsOwn() {
        Deployment slim = deployment();
        SlimItemStore.slim(slim, d -> { });
        Deployment edited = new DeploymentBuilder(slim).editMetadata().addToAdditionalProperties("x", "y")
                .endMetadata().build();
        assertThat(edited.getMetadata().getAdditionalProperties()).containsEntry("x", "y");
        assertThat(slim.getMetadata().getAdditionalProperties()).isEmpty();
        Deployment copy = Kmeta.deepCopy(slim, Deployment.class);
        copy.getSpec().setAdditionalProperty("z", 1);
        assertThat(slim.getSpec().getAdditionalProperties()).isEmpty();
    }

    @Test
    void theKindsTrimRunsBeforeTheObjectIsKept() {
        SlimItemStore<Deployment> store = new SlimItemStore<>(d -> d.getSpec().getTemplate().setSpec(null));
        store.put("ns/hello-00001-deployment", deployment());
        Deployment kept = store.get("ns/hello-00001-deployment");
        assertThat(kept.getSpec().getTemplate().getSpec()).isNull();
        assertThat(kept.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("serving.knative.dev/revisionUID", "r1");
        assertThat(kept.getSpec().getReplicas()).isEqualTo(1);
        assertThat(kept.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(additionalMaps(kept)).allMatch(Map::isEmpty);
    }

    @Test
    void aPodsStatusSurvivesItsSpecsTrim() {
        Pod pod = JSON.unmarshal("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},
                 "spec":{"containers":[{"name":"user-container","image":"x"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"user-container","ready":false,
                   "restartCount":2,"image":"x","imageID":"","lastState":{"terminated":{"exitCode":1,
                   "message":"boom"}}}]}}
                """, Pod.class);
        SlimItemStore.slim(pod, p -> p.setSpec(null));
        assertThat(pod.getSpec()).isNull();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getMessage())
                .isEqualTo("boom");
    }

    @Test
    void qnativeTypesKeepTheirUnknownFieldsAndEqualAFreshCopy() {
        String json = """
                {"apiVersion":"serving.knative.dev/v1","kind":"Route","metadata":{"name":"r","namespace":"ns"},
                 "spec":{"traffic":[{"revisionName":"r-00001","percent":100,"futureField":true}]},
                 "status":{"conditions":[{"type":"Ready","status":"True"}]}}
                """;
        Route slim = JSON.unmarshal(json, Route.class);
        SlimItemStore.slim(slim, r -> { });
        Route fresh = JSON.unmarshal(json, Route.class);
        assertThat(slim).isEqualTo(fresh);
        assertThat(slim.getSpec().getTraffic().get(0).getAdditionalProperties()).containsEntry("futureField", true);
        assertThat(slim.getStatus().getConditions().get(0).hasAdditionalProperties()).isFalse();
        assertThat(JSON.asJson(slim)).isEqualTo(JSON.asJson(fresh));
    }
}
