package io.qnative.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health and metrics on the management interface, with the binary against a (mock) API server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class HealthAndMetricsIT {

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/started", management = true)
    URL started;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void liveReportsTheControllers() {
        given().get(live).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("controllers"));
    }

    @Test
    void startedOnceWiringRan() {
        given().get(started).then().statusCode(200).body("checks.name", hasItems("started"));
    }

    @Test
    void readyWhenCachesSyncedAndReportsTheLeader() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'leader-election' }.data.role", equalTo("leader")));
        given().get(ready).then().body("checks.name", hasItems("informers", "leader-election"));
    }

    @Test
    void metricsArePrometheusText() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().accept("text/plain").get(metrics).then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE qnative_leader gauge"))
                .body(containsString("qnative_leader 1.0"))
                .body(containsString("jvm_memory_used_bytes")));
    }
}
