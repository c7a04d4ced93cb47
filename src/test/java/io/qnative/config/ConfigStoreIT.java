package io.qnative.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store against the fabric8 mock API server: good, malformed, fixed and deleted config-autoscaler. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ConfigStoreIT {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;


    private static final String NS = "knative-serving";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    @Inject
    ConfigStore store;

    private ConfigMap autoscaler(String maxScaleDownRate) {
        return new ConfigMapBuilder().withNewMetadata().withName("config-autoscaler").withNamespace(NS).endMetadata()
                .withData(Map.of("max-scale-down-rate", maxScaleDownRate, "_example", "documentation")).build();
    }

    @Test
    void malformedConfigKeepsTheLastGoodValueAndIsReported() {
        await().atMost(TIMEOUT).until(store::synced);
        given().when().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'config' }.status", equalTo("UP"));

        client.configMaps().inNamespace(NS).resource(autoscaler("3")).createOr(NonDeletingOperation::update);
        await().atMost(TIMEOUT).until(() -> store.current().autoscaler().maxScaleDownRate() == 3.0);

        client.configMaps().inNamespace(NS).resource(autoscaler("0.5")).createOr(NonDeletingOperation::update);
        await().atMost(TIMEOUT).until(() -> store.problems().containsKey("config-autoscaler"));
        assertThat(store.current().autoscaler().maxScaleDownRate()).as("last good value kept").isEqualTo(3.0);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
            assertThat(events).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo("InvalidConfig");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("config-autoscaler");
                assertThat(e.getMessage()).contains("\"max-scale-down-rate\" = \"0.5\": must be greater than 1");
            });
        });
        given().when().get(ready).then().statusCode(503)
                .body("checks.find { it.name == 'config' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'config' }.data.config-autoscaler",
                        containsString("\"max-scale-down-rate\" = \"0.5\": must be greater than 1"));

        client.configMaps().inNamespace(NS).resource(autoscaler("4")).createOr(NonDeletingOperation::update);
        await().atMost(TIMEOUT).until(() -> store.current().autoscaler().maxScaleDownRate() == 4.0);
        assertThat(store.problems()).isEmpty();
        given().when().get(ready).then().statusCode(200);

        client.configMaps().inNamespace(NS).withName("config-autoscaler").delete();
        await().atMost(TIMEOUT).until(() -> store.current().autoscaler().equals(AutoscalerConfig.DEFAULT));
    }
}
