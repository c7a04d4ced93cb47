package io.qnative.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no API server, qnative still starts, serves defaults and reports "not ready" with the reason. */
@QuarkusTest
@TestProfile(ConfigStoreUnreachableIT.NoApiServer.class)
class ConfigStoreUnreachableIT {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;


    /** Points the client at a closed port. */
    public static class NoApiServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1",
                    "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
        }
    }

    @Inject
    ConfigStore store;

    @Test
    void startsWithDefaultsAndReportsTheUnreachableApiServer() {
        assertThat(store.current()).isEqualTo(ConfigSnapshot.defaults(store.current().clusterDomain()));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lastError().isPresent());
        assertThat(store.synced()).isFalse();
        given().when().get(ready).then().statusCode(503)
                .body("checks.find { it.name == 'config' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'config' }.data.status",
                        containsString("cannot reach the Kubernetes API at https://127.0.0.1:1"));
        given().when().get(live).then().statusCode(200);
    }
}
