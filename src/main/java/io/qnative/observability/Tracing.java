package io.qnative.observability;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.qnative.config.ConfigStore;
import io.qnative.config.TracingConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * Tracing that follows {@code config-observability} without a restart. Quarkus builds the OpenTelemetry SDK once,
 * from CDI beans: a {@link Sampler} and a {@link SpanExporter}. Both produced here delegate to what the current
 * {@link TracingSettings} say; {@link #apply} swaps them. Off (Knative's default) samples nothing, so spans cost
 * next to nothing.
 */
@ApplicationScoped
public class Tracing {

    private static final Logger LOG = Logger.getLogger(Tracing.class);

    private final ConfigStore configStore;
    private final AtomicReference<TracingSettings> settings = new AtomicReference<>(TracingSettings.OFF);
    private final AtomicReference<Sampler> sampler = new AtomicReference<>(Sampler.alwaysOff());
    private final AtomicReference<SpanExporter> exporter = new AtomicReference<>(null);

    Tracing(ConfigStore configStore) {
        this.configStore = configStore;
    }

    void onStart(@Observes StartupEvent event) {
        configStore.addListener(snapshot -> apply(settingsFor(snapshot.tracing())));
    }

    /**
     * What qnative does with a config-observability tracing setting: Zipkin export, or off. Knative's OTLP and
     * stdout protocols are valid configuration but not exporters qnative ships; they leave tracing off with a
     * warning.
     */
    static TracingSettings settingsFor(TracingConfig config) {
        if (config.protocol() == TracingConfig.Protocol.ZIPKIN && !config.endpoint().isBlank()) {
            return new TracingSettings(Optional.of(config.endpoint()), config.samplingRate());
        }
        if (config.enabled()) {
            LOG.warnf("tracing-protocol %s is not exported by qnative (use tracing-protocol: zipkin with a "
                    + "tracing-endpoint); tracing stays off", config.protocol());
        }
        return TracingSettings.OFF;
    }

    /** Switches tracing to the given settings. */
    public synchronized void apply(TracingSettings next) {
        TracingSettings previous = settings.getAndSet(next);
        if (previous.equals(next)) {
            return;
        }
        sampler.set(next.enabled() ? Sampler.parentBased(Sampler.traceIdRatioBased(next.samplingRate()))
                : Sampler.alwaysOff());
        if (!previous.zipkinEndpoint().equals(next.zipkinEndpoint())) {
            SpanExporter old = exporter.getAndSet(next.zipkinEndpoint()
                    .map(url -> (SpanExporter) ZipkinSpanExporter.builder()
                            .setSender(URLConnectionSender.create(url)).build())
                    .orElse(null));
            if (old != null) {
                old.shutdown();
            }
        }
        LOG.infof("tracing %s", next.enabled()
                ? "exports to " + next.zipkinEndpoint().get() + " (Zipkin v2), sampling rate " + next.samplingRate()
                : "is off");
    }

    public TracingSettings settings() {
        return settings.get();
    }

    @Produces
    @Singleton
    Sampler sampler() {
        return new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                    Attributes attributes, List<LinkData> links) {
                return sampler.get().shouldSample(parent, traceId, name, kind, attributes, links);
            }

            @Override
            public String getDescription() {
                return "qnative(" + sampler.get().getDescription() + ")";
            }
        };
    }

    @Produces
    @Singleton
    SpanExporter spanExporter() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SpanExporter current = exporter.get();
                return current == null ? CompletableResultCode.ofSuccess() : current.export(spans);
            }

            @Override
            public CompletableResultCode flush() {
                SpanExporter current = exporter.get();
                return current == null ? CompletableResultCode.ofSuccess() : current.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                SpanExporter current = exporter.getAndSet(null);
                return current == null ? CompletableResultCode.ofSuccess() : current.shutdown();
            }
        };
    }
}
