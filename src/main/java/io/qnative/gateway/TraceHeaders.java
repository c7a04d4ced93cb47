package io.qnative.gateway;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;

/**
 * The trace context a request carries, in the formats Knative's gateways and pods use (knative.dev/pkg
 * tracing/propagation/tracecontextb3: W3C Trace Context and Zipkin's B3, single and multi header): read from a
 * client's headers, and written for the pod with the gateway's span as the parent. W3C {@code traceparent} wins over
 * {@code b3}, which wins over the {@code X-B3-*} headers. A B3 context without a sampling decision (deferred) counts
 * as not sampled, as OpenTelemetry's B3 propagator reads it. Pure: operates on the maps it is given.
 */
public final class TraceHeaders {

    /** Which B3 form a client used, so the pod gets the same one. */
    public enum B3 {
        NONE, SINGLE, MULTI
    }

    static final CharSequence TRACEPARENT = HttpHeaders.createOptimized("traceparent");
    static final CharSequence TRACESTATE = HttpHeaders.createOptimized("tracestate");
    static final CharSequence B3_SINGLE = HttpHeaders.createOptimized("b3");
    static final CharSequence X_B3_TRACE_ID = HttpHeaders.createOptimized("X-B3-TraceId");
    static final CharSequence X_B3_SPAN_ID = HttpHeaders.createOptimized("X-B3-SpanId");
    static final CharSequence X_B3_PARENT_SPAN_ID = HttpHeaders.createOptimized("X-B3-ParentSpanId");
    static final CharSequence X_B3_SAMPLED = HttpHeaders.createOptimized("X-B3-Sampled");
    static final CharSequence X_B3_FLAGS = HttpHeaders.createOptimized("X-B3-Flags");
    private static final List<CharSequence> ALL = List.of(TRACEPARENT, TRACESTATE, B3_SINGLE, X_B3_TRACE_ID,
            X_B3_SPAN_ID, X_B3_PARENT_SPAN_ID, X_B3_SAMPLED, X_B3_FLAGS);

    private static final TextMapGetter<MultiMap> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<MultiMap> SETTER = (carrier, key, value) -> carrier.set(key, value);

    private TraceHeaders() {
    }

    /** The cheap check: whether the client sent any trace context (three lookups of pre-hashed names). */
    public static boolean present(MultiMap headers) {
        return headers.contains(TRACEPARENT) || headers.contains(B3_SINGLE) || headers.contains(X_B3_TRACE_ID);
    }

    /** The B3 form the client used. */
    public static B3 b3(MultiMap headers) {
        if (headers.contains(B3_SINGLE)) {
            return B3.SINGLE;
        }
        return headers.contains(X_B3_TRACE_ID) ? B3.MULTI : B3.NONE;
    }

    /**
     * The client's span context as a remote parent (W3C, else B3 single, else B3 multi), or {@link Context#root()}
     * when it sent none or only malformed ones (the gateway's span then starts a new trace).
     */
    public static Context extract(MultiMap headers) {
        if (headers.contains(TRACEPARENT)) {
            Context w3c = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
            if (Span.fromContext(w3c).getSpanContext().isValid()) {
                return w3c;
            }
        }
        SpanContext b3 = null;
        String single = headers.get(B3_SINGLE);
        if (single != null) {
            b3 = single(single);
        }
        if (b3 == null && headers.contains(X_B3_TRACE_ID)) {
            b3 = remote(headers.get(X_B3_TRACE_ID), headers.get(X_B3_SPAN_ID),
                    "1".equals(headers.get(X_B3_FLAGS)) || sampled(headers.get(X_B3_SAMPLED)));
        }
        return b3 == null ? Context.root() : Context.root().with(Span.wrap(b3));
    }

    /** {@code b3: {traceId}-{spanId}[-{sampled}[-{parentSpanId}]]}; a lone sampling flag carries no context. */
    static SpanContext single(String value) {
        String[] parts = value.trim().split("-", -1);
        if (parts.length < 2) {
            return null;
        }
        boolean sampled = parts.length > 2 && ("d".equals(parts[2]) || sampled(parts[2]));
        return remote(parts[0], parts[1], sampled);
    }

    private static boolean sampled(String flag) {
        return "1".equals(flag) || "true".equalsIgnoreCase(flag);
    }

    /** A remote span context from B3 ids (a 64-bit trace id is left-padded to 128 bits), or null if invalid. */
    static SpanContext remote(String traceId, String spanId, boolean sampled) {
        if (traceId == null || spanId == null) {
            return null;
        }
        String trace = traceId.length() == 16 ? "0000000000000000" + traceId : traceId;
        trace = trace.toLowerCase(java.util.Locale.ROOT);
        String span = spanId.toLowerCase(java.util.Locale.ROOT);
        if (!TraceId.isValid(trace) || !SpanId.isValid(span)) {
            return null;
        }
        return SpanContext.createFromRemoteParent(trace, span, sampled ? TraceFlags.getSampled()
                : TraceFlags.getDefault(), TraceState.getDefault());
    }

    /**
     * Replaces the trace headers for the pod with {@code span} as the parent: W3C {@code traceparent} (and
     * {@code tracestate}) always, and B3 in the form the client used ({@code X-B3-*} when it used none), so a pod
     * reading either format continues the trace under the gateway's span.
     */
    public static void inject(SpanContext span, MultiMap headers, B3 clientForm) {
        for (CharSequence name : ALL) {
            headers.remove(name);
        }
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), headers, SETTER);
        String sampled = span.isSampled() ? "1" : "0";
        if (clientForm == B3.SINGLE) {
            headers.set(B3_SINGLE, span.getTraceId() + "-" + span.getSpanId() + "-" + sampled);
        } else {
            headers.set(X_B3_TRACE_ID, span.getTraceId());
            headers.set(X_B3_SPAN_ID, span.getSpanId());
            headers.set(X_B3_SAMPLED, sampled);
        }
    }
}
