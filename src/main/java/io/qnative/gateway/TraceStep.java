package io.qnative.gateway;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.qnative.observability.TracingSettings;
import io.vertx.core.MultiMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One server span per proxied request (as Knative's activator wraps its handler in knative.dev/pkg
 * tracing/http.go's HTTPSpanMiddleware, and the queue-proxy its proxy): it continues the client's W3C or B3 trace
 * context, covers queueing and proxying, and is the parent the pod sees in the headers it gets ({@link
 * TraceHeaders}). Attributes: method, host, path, namespace, revision, status; a 5xx or a cut stream marks it an
 * error.
 *
 * <p>Cost when nothing would be recorded: with tracing off, one read of the current settings; with a sampling rate
 * of 0, that and three header lookups (a client's sampled trace is still followed, as Knative's probability sampler
 * follows a sampled parent). No span object, no parsing, no header change: a client's trace headers then reach the
 * pod as sent.
 */
final class TraceStep implements Step {

    /** The span's name. */
    static final String SPAN_NAME = "gateway.request";
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HOST = AttributeKey.stringKey("server.address");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("k8s.namespace.name");
    static final AttributeKey<String> REVISION = AttributeKey.stringKey("qnative.revision");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");

    private final Tracer tracer;
    private final Supplier<TracingSettings> settings;

    /**
     * @param tracer   spans of the gateway (sampled by the process's sampler)
     * @param settings the current tracing settings (read once per request: must be cheap)
     */
    TraceStep(Tracer tracer, Supplier<TracingSettings> settings) {
        this.tracer = tracer;
        this.settings = settings;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        TracingSettings now = settings.get();
        MultiMap headers = ex.request.headers();
        if (!now.enabled() || (now.samplingRate() == 0 && !TraceHeaders.present(headers))) {
            next.accept(ex);
            return;
        }
        Span span = tracer.spanBuilder(SPAN_NAME).setParent(TraceHeaders.extract(headers))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, ex.request.method().name())
                .setAttribute(HOST, ex.host)
                .setAttribute(PATH, ex.request.path())
                .setAttribute(NAMESPACE, ex.revision.namespace())
                .setAttribute(REVISION, ex.revision.name())
                .startSpan();
        // the proxy writes the pod's trace headers with the rest of its head (ProxyStep)
        ex.span = span.getSpanContext();
        ex.spanForm = TraceHeaders.b3(headers);
        ex.onEnd(() -> {
            span.setAttribute(STATUS, (long) ex.status);
            if (ex.status == 0 || ex.status >= 500) {
                span.setAttribute(ERROR, ex.status == 0 ? "the request ended without a response" : "status "
                        + ex.status);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
        next.accept(ex);
    }
}
