package io.qnative.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qnative.ControllerManager;
import io.qnative.config.ConfigStore;
import io.qnative.reconciler.LeaderElection;
import jakarta.inject.Singleton;

/** Process-wide gauges: leadership and malformed configuration. Bound by Quarkus when the registry is made. */
@Singleton
public class ControlPlaneMetrics implements MeterBinder {

    private final ControllerManager manager;
    private final ConfigStore configStore;

    ControlPlaneMetrics(ControllerManager manager, ConfigStore configStore) {
        this.manager = manager;
        this.configStore = configStore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MetricNames.LEADER, manager, m -> m.election().role() == LeaderElection.Role.LEADER ? 1 : 0)
                .description("1 while this replica holds the leader Lease").strongReference(true).register(registry);
        Gauge.builder(MetricNames.CONFIG_INVALID, configStore, s -> s.problems().size())
                .description("config-* ConfigMaps whose content is malformed").strongReference(true)
                .register(registry);
    }
}
