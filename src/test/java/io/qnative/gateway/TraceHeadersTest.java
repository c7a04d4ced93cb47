package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    private static MultiMap headers(String... nameValue) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.add(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    private static SpanContext extracted(MultiMap h) {
        return Span.fromContext(TraceHeaders.extract(h)).getSpanContext();
    }

    @Test
    void presentOnlyWithATraceHeader() {
        assertThat(TraceHeaders.present(headers("Host", "x", "X-B3-Sampled", "1"))).isFalse();
        assertThat(TraceHeaders.present(headers("TraceParent", "00-" + TRACE + "-" + SPAN + "-01"))).isTrue();
        assertThat(TraceHeaders.present(headers("B3", "1"))).isTrue();
        assertThat(TraceHeaders.present(headers("x-b3-traceid", TRACE))).isTrue();
    }

    @Test
    void w3cWinsOverB3() {
        SpanContext c = extracted(headers("traceparent", "00-" + TRACE + "-" + SPAN + "-00", "b3",
                "11111111111111111111111111111111-2222222222222222-1"));
        assertThat(c.getTraceId()).isEqualTo(TRACE);
        assertThat(c.getSpanId()).isEqualTo(SPAN);
        assertThat(c.isSampled()).isFalse();
        assertThat(c.isRemote()).isTrue();
    }

    @Test
    void malformedW3cFallsBackToB3AndMalformedB3StartsANewTrace() {
        SpanContext c = extracted(headers("traceparent", "00-nothex-" + SPAN + "-01", "b3", TRACE + "-" + SPAN
                + "-d"));
        assertThat(c.getTraceId()).isEqualTo(TRACE);
        assertThat(c.isSampled()).as("debug flag d samples").isTrue();

        assertThat(extracted(headers("b3", "zz-" + SPAN + "-1")).isValid()).isFalse();
        assertThat(extracted(headers("b3", "1")).isValid()).as("a lone sampling decision").isFalse();
        assertThat(extracted(headers("X-B3-TraceId", TRACE)).isValid()).as("no span id").isFalse();
    }

    @Test
    void b3SamplingFlags() {
        assertThat(extracted(headers("b3", TRACE + "-" + SPAN)).isSampled()).as("deferred").isFalse();
        assertThat(extracted(headers("b3", TRACE + "-" + SPAN + "-0")).isSampled()).isFalse();
        assertThat(extracted(headers("b3", TRACE + "-" + SPAN + "-1-" + SPAN)).isSampled()).isTrue();
        assertThat(extracted(headers("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Sampled", "true"))
                .isSampled()).isTrue();
        assertThat(extracted(headers("X-B3-TraceId", TRACE, "X-B3-SpanId", SPAN, "X-B3-Flags", "1"))
                .isSampled()).as("debug").isTrue();
        assertThat(extracted(headers("X-B3-TraceId", TRACE.toUpperCase(), "X-B3-SpanId", SPAN)).getTraceId())
                .isEqualTo(TRACE);
    }

    @Test
    void injectReplacesEveryClientTraceHeader() {
        String mine = "1111111111111111";
        SpanContext gateway = SpanContext.create(TRACE, mine, TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "1").build());
        MultiMap single = headers("b3", TRACE + "-" + SPAN + "-1", "X-B3-ParentSpanId", SPAN, "traceparent", "x");
        TraceHeaders.inject(gateway, single, TraceHeaders.b3(single));
        assertThat(single.get("b3")).isEqualTo(TRACE + "-" + mine + "-1");
        assertThat(single.get("traceparent")).isEqualTo("00-" + TRACE + "-" + mine + "-01");
        assertThat(single.get("tracestate")).isEqualTo("vendor=1");
        assertThat(single.contains("X-B3-ParentSpanId")).isFalse();
        assertThat(single.contains("X-B3-TraceId")).isFalse();

        MultiMap none = headers("Host", "h");
        TraceHeaders.inject(SpanContext.create(TRACE, mine, TraceFlags.getDefault(), TraceState.getDefault()),
                none, TraceHeaders.b3(none));
        assertThat(none.get("traceparent")).isEqualTo("00-" + TRACE + "-" + mine + "-00");
        assertThat(none.get("X-B3-TraceId")).isEqualTo(TRACE);
        assertThat(none.get("X-B3-SpanId")).isEqualTo(mine);
        assertThat(none.get("X-B3-Sampled")).isEqualTo("0");
        assertThat(none.contains("b3")).isFalse();
        assertThat(none.get("Host")).isEqualTo("h");
    }
}
