package io.qnative.gateway.metrics;

import io.qnative.autoscaler.metrics.StatSink;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** A {@link StatSink} that drops every report, used until the autoscaler provides its own bean. */
@ApplicationScoped
public class NoopStatSinkProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    StatSink noopStatSink() {
        return stat -> { };
    }
}
