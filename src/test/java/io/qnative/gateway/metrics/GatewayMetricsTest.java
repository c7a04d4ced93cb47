package io.qnative.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qnative.gateway.activator.QueueLimits;
import io.qnative.gateway.activator.RevisionSettings;
import io.qnative.gateway.activator.RevisionThrottler;
import io.qnative.observability.MetricNames;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final RevisionSettings REV = new RevisionSettings("ns", "svc-00001", "svc", "svc", 0, 0,
            Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ZERO, false, 8080,
            java.util.List.of(), null, false, null);

    @Test
    void requestsAreCountedByCodeClassWithKnativeLabels() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics m = new GatewayMetrics(registry);
        m.request(REV, 200, 1_000_000, true);
        m.request(REV, 204, 1_000_000, true);
        m.request(REV, 503, 1_000_000, false);

        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("namespace_name", "ns")
                .tag("service_name", "svc").tag("configuration_name", "svc").tag("revision_name", "svc-00001")
                .tag("response_code_class", "2xx").counter().count()).isEqualTo(2);
        assertThat(registry.get(MetricNames.PROXY_REQUEST_COUNT).counters()).hasSize(1);
        assertThat(registry.get(MetricNames.GATEWAY_ERRORS).tag("code", "503").counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_LATENCIES).tag("response_code_class", "5xx").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void queueDepthAndPodsInRotationAreGauged() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics m = new GatewayMetrics(registry);
        RevisionThrottler t = new RevisionThrottler(new QueueLimits(10), new SplittableRandom(1), 0, 10);
        m.track(REV, t, new StatReporter(s -> { }, "gw", System::nanoTime, java.time.Clock.systemUTC()));
        t.pods(java.util.List.of(new io.qnative.gateway.activator.PodTracker("10.0.0.1", 8080)));
        assertThat(registry.get(MetricNames.GATEWAY_PODS_IN_ROTATION).gauge().value()).isEqualTo(1);
        assertThat(registry.get(MetricNames.GATEWAY_QUEUE_DEPTH).gauge().value()).isZero();
    }

    @Test
    void everyStatusSlotCountsApartAndTrackingIsRemembered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics m = new GatewayMetrics(registry);
        for (int status : new int[] {0, 101, 200, 301, 404, 500, 502, 503, 504, 504, 599}) {
            m.request(REV, status, 1_000, status != 0);
        }
        // the same revision with another service label (a label change) counts under its own tags
        RevisionSettings relabelled = new RevisionSettings("ns", "svc-00001", "other", "svc", 0, 0,
                Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ZERO, false, 8080,
            java.util.List.of(), null, false, null);
        m.request(relabelled, 200, 1_000, true);

        var counts = registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("service_name", "svc");
        assertThat(counts.tag("response_code_class", "client_closed").counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("service_name", "svc")
                .tag("response_code_class", "5xx").counter().count()).isEqualTo(6);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("service_name", "svc")
                .tag("response_code_class", "1xx").counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.GATEWAY_ERRORS).tag("code", "504").counter().count()).isEqualTo(2);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("service_name", "other").counter().count())
                .isEqualTo(1);

        assertThat(m.tracked(REV)).isFalse();
        m.track(REV, new RevisionThrottler(new QueueLimits(10), new SplittableRandom(1), 0, 10),
                new StatReporter(s -> { }, "gw", System::nanoTime, java.time.Clock.systemUTC()));
        assertThat(m.tracked(REV)).isTrue();
        assertThat(m.tracked(relabelled)).isTrue();
        assertThat(registry.get(MetricNames.GATEWAY_QUEUE_DEPTH).gauges()).hasSize(1);
    }

    @Test
    void aDeletedRevisionLeavesTheRegistryAndOthersStay() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics m = new GatewayMetrics(registry);
        RevisionSettings other = new RevisionSettings("ns", "svc-00002", "svc", "svc", 0, 0,
                Duration.ofSeconds(300), Duration.ofSeconds(300), Duration.ZERO, false, 8080,
            java.util.List.of(), null, false, null);
        StatReporter reporter = new StatReporter(s -> { }, "gw", System::nanoTime, java.time.Clock.systemUTC());
        for (RevisionSettings rev : new RevisionSettings[] {REV, other}) {
            m.request(rev, 200, 1_000, true);
            m.request(rev, 503, 1_000, false);
            m.track(rev, new RevisionThrottler(new QueueLimits(10), new SplittableRandom(1), 0, 10), reporter);
        }
        int perRevision = registry.find(MetricNames.ACTIVATOR_REQUEST_COUNT).counters().size() / 2;
        assertThat(registry.getMeters().stream().filter(x -> "svc-00001".equals(x.getId().getTag("revision_name"))))
                .hasSizeGreaterThanOrEqualTo(7);

        m.forget("ns", "svc-00001");

        assertThat(registry.getMeters().stream().filter(x -> "svc-00001".equals(x.getId().getTag("revision_name"))))
                .isEmpty();
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("revision_name", "svc-00002").counters())
                .hasSize(perRevision);
        assertThat(registry.get(MetricNames.GATEWAY_QUEUE_DEPTH).gauges()).hasSize(1);
        assertThat(m.tracked(REV)).isFalse();
        assertThat(m.tracked(other)).isTrue();

        // a revision of the same name made again counts from zero
        m.request(REV, 200, 1_000, true);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("revision_name", "svc-00001").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void kubernetesServiceRequestsCountUnderTheirNameAndLeaveWithTheService() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics m = new GatewayMetrics(registry);
        m.request(REV, 200, 1_000, true);
        m.serviceRequest("ns", "web", 200, 1_000);
        m.serviceRequest("ns", "web", 204, 1_000);
        m.serviceRequest("ns", "web", 503, 1_000);
        m.serviceRequest("ns", "svc-00001", 200, 1_000);

        var web = registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "web");
        assertThat(web.tag("response_code_class", "2xx").tag("revision_name", "").tag("service_name", "")
                .tag("configuration_name", "").counter().count()).isEqualTo(2);
        assertThat(registry.get(MetricNames.GATEWAY_ERRORS).tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "web")
                .tag("code", "503").counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("revision_name", "svc-00001")
                .tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "").counter().count())
                .as("a revision and a Service of the same name count apart").isEqualTo(1);
        assertThat(registry.get(MetricNames.PROXY_REQUEST_COUNT).counters()).hasSize(1);

        m.forgetService("ns", "web");
        assertThat(registry.getMeters().stream()
                .filter(x -> "web".equals(x.getId().getTag(GatewayMetrics.KUBERNETES_SERVICE_NAME)))).isEmpty();
        assertThat(registry.find(MetricNames.ACTIVATOR_REQUEST_COUNT).tag("revision_name", "svc-00001").counters())
                .hasSize(1);
        assertThat(registry.find(MetricNames.ACTIVATOR_REQUEST_COUNT)
                .tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "svc-00001").counters()).hasSize(1);
        m.forget("ns", "svc-00001");
        assertThat(registry.find(MetricNames.ACTIVATOR_REQUEST_COUNT)
                .tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "svc-00001").counters())
                .as("forgetting the revision leaves the Service's series").hasSize(1);

        m.serviceRequest("ns", "web", 200, 1_000);
        assertThat(registry.get(MetricNames.ACTIVATOR_REQUEST_COUNT).tag(GatewayMetrics.KUBERNETES_SERVICE_NAME, "web")
                .counter().count()).as("a Service made again counts from zero").isEqualTo(1);
    }

    /** Prometheus keeps one label set per name: revision and Service series are both scraped. */
    @Test
    void revisionAndServiceSeriesShareOneLabelSetInPrometheus() {
        var registry = new io.micrometer.prometheus.PrometheusMeterRegistry(
                io.micrometer.prometheus.PrometheusConfig.DEFAULT);
        GatewayMetrics m = new GatewayMetrics(registry);
        m.request(REV, 200, 1_000, true);
        m.request(REV, 503, 1_000, false);
        m.serviceRequest("ns", "web", 200, 1_000);
        m.serviceRequest("ns", "web", 503, 1_000);

        String scrape = registry.scrape();

        assertThat(scrape).contains("activator_request_count_total{configuration_name=\"svc\","
                + "kubernetes_service_name=\"\",namespace_name=\"ns\",response_code_class=\"2xx\","
                + "revision_name=\"svc-00001\",service_name=\"svc\",}");
        assertThat(scrape).contains("activator_request_count_total{configuration_name=\"\","
                + "kubernetes_service_name=\"web\",namespace_name=\"ns\",response_code_class=\"2xx\","
                + "revision_name=\"\",service_name=\"\",}");
        assertThat(scrape).contains("qnative_gateway_errors_total{code=\"503\",configuration_name=\"\","
                + "kubernetes_service_name=\"web\",");
        assertThat(scrape).contains("activator_request_latencies_seconds_count{configuration_name=\"\","
                + "kubernetes_service_name=\"web\",");
    }
}
