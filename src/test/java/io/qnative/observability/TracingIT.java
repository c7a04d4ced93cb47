package io.qnative.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans reach a Zipkin v2 collector only while tracing is switched on, and the switch needs no restart. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TracingIT {

    @Inject
    Tracing tracing;

    @Inject
    Tracer tracer;

    private HttpServer collector;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/api/v2/spans", exchange -> {
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        tracing.apply(TracingSettings.OFF);
        collector.stop(0);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + collector.getAddress().getPort() + "/api/v2/spans";
    }

    @Test
    void exportsZipkinOnlyWhileEnabled() {
        tracing.apply(TracingSettings.OFF);
        Span off = tracer.spanBuilder("while-off").startSpan();
        assertThat(off.getSpanContext().isSampled()).isFalse();
        off.end();

        tracing.apply(new TracingSettings(Optional.of(endpoint()), 1.0));
        Span on = tracer.spanBuilder("while-on").startSpan();
        assertThat(on.getSpanContext().isSampled()).as("sampled while on: %s", on).isTrue();
        on.end();
        await().atMost(Duration.ofSeconds(20)).until(() -> bodies.stream().anyMatch(b -> b.contains("while-on")));
        String body = bodies.stream().filter(b -> b.contains("while-on")).findFirst().orElseThrow();
        assertThat(body).contains("\"traceId\"", "\"localEndpoint\"", "\"serviceName\":\"qnative\"");
        assertThat(bodies).noneMatch(b -> b.contains("while-off"));
    }

    @Test
    void zeroSamplingRateSamplesNothing() {
        tracing.apply(new TracingSettings(Optional.of(endpoint()), 0.0));
        Span span = tracer.spanBuilder("never").startSpan();
        assertThat(span.getSpanContext().isSampled()).isFalse();
        span.end();
    }
}
