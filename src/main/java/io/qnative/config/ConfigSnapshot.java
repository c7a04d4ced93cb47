package io.qnative.config;

import java.util.List;
import java.util.Map;

/**
 * Every {@code config-*} ConfigMap of the system namespace, parsed: one immutable value taken once per reconcile
 * so that a reconcile sees a consistent configuration even while the maps change.
 *
 * @param defaults config-defaults
 * @param autoscaler config-autoscaler
 * @param deployment config-deployment
 * @param domain config-domain
 * @param features config-features
 * @param gc config-gc
 * @param network config-network
 * @param observability config-observability, its tracing merged with config-tracing
 * @param legacyTracing the keys config-tracing sets
 * @param certManager config-certmanager
 */
public record ConfigSnapshot(
        DefaultsConfig defaults,
        AutoscalerConfig autoscaler,
        DeploymentConfig deployment,
        DomainConfig domain,
        FeaturesConfig features,
        GcConfig gc,
        NetworkConfig network,
        ObservabilityConfig observability,
        TracingConfig.Settings legacyTracing,
        CertManagerConfig certManager) {

    /** Every ConfigMap name this snapshot reads. */
    public static final List<String> NAMES = List.of(DefaultsConfig.NAME, AutoscalerConfig.NAME,
            DeploymentConfig.NAME, DomainConfig.NAME, FeaturesConfig.NAME, GcConfig.NAME, NetworkConfig.NAME,
            ObservabilityConfig.NAME, LegacyTracing.NAME, CertManagerConfig.NAME);

    /** All defaults, cluster domain {@code cluster.local}. */
    public static final ConfigSnapshot DEFAULT = new ConfigSnapshot(DefaultsConfig.DEFAULT, AutoscalerConfig.DEFAULT,
            DeploymentConfig.DEFAULT, DomainConfig.DEFAULT, FeaturesConfig.DEFAULT, GcConfig.DEFAULT,
            NetworkConfig.DEFAULT, ObservabilityConfig.DEFAULT, TracingConfig.Settings.NONE,
            CertManagerConfig.DEFAULT);

    /** All defaults for a given cluster domain. */
    public static ConfigSnapshot defaults(String clusterDomain) {
        return DEFAULT.withClusterDomain(clusterDomain);
    }

    /** The cluster's DNS domain. */
    public String clusterDomain() {
        return network.clusterDomain();
    }

    /** The effective tracing settings. */
    public TracingConfig tracing() {
        return observability.tracing();
    }

    /** The same configuration for another cluster domain. */
    public ConfigSnapshot withClusterDomain(String clusterDomain) {
        return new ConfigSnapshot(defaults, autoscaler, deployment, domain.withClusterDomain(clusterDomain),
                features, gc, network.withClusterDomain(clusterDomain), observability, legacyTracing, certManager);
    }

    /** True when {@code name} is one of the ConfigMaps a snapshot reads. */
    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /**
     * Every problem {@code data} would have as ConfigMap {@code name}, empty when it is valid or the name is not
     * one of ours; for validating ConfigMap edits before they are stored. Pure.
     */
    public static List<ConfigException.Problem> validate(String name, Map<String, String> data) {
        try {
            apply(DEFAULT, name, data);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /**
     * The snapshot after ConfigMap {@code name} changed to {@code data}. A null {@code data} means the map was
     * deleted: its values revert to the defaults. Unknown names leave the snapshot unchanged. Pure.
     *
     * @throws ConfigException when {@code data} is malformed; {@code previous} is then still the valid snapshot
     */
    public static ConfigSnapshot apply(ConfigSnapshot previous, String name, Map<String, String> data) {
        Map<String, String> d = data == null ? Map.of() : data;
        ConfigSnapshot p = previous;
        switch (name) {
            case DefaultsConfig.NAME:
                return new ConfigSnapshot(DefaultsConfig.parse(d), p.autoscaler, p.deployment, p.domain,
                        p.features, p.gc, p.network, p.observability, p.legacyTracing, p.certManager);
            case AutoscalerConfig.NAME:
                return new ConfigSnapshot(p.defaults, AutoscalerConfig.parse(d), p.deployment, p.domain,
                        p.features, p.gc, p.network, p.observability, p.legacyTracing, p.certManager);
            case DeploymentConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, DeploymentConfig.parse(d), p.domain,
                        p.features, p.gc, p.network, p.observability, p.legacyTracing, p.certManager);
            case DomainConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment,
                        DomainConfig.parse(d, p.clusterDomain()), p.features, p.gc, p.network, p.observability,
                        p.legacyTracing, p.certManager);
            case FeaturesConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain,
                        FeaturesConfig.parse(d), p.gc, p.network, p.observability, p.legacyTracing, p.certManager);
            case GcConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain, p.features,
                        GcConfig.parse(d), p.network, p.observability, p.legacyTracing, p.certManager);
            case NetworkConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain, p.features, p.gc,
                        NetworkConfig.parse(d, p.clusterDomain()), p.observability, p.legacyTracing, p.certManager);
            case ObservabilityConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain, p.features, p.gc,
                        p.network, ObservabilityConfig.parse(d, p.legacyTracing), p.legacyTracing, p.certManager);
            case LegacyTracing.NAME:
                TracingConfig.Settings legacy = LegacyTracing.parse(d);
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain, p.features, p.gc,
                        p.network, p.observability.withLegacyTracing(legacy), legacy, p.certManager);
            case CertManagerConfig.NAME:
                return new ConfigSnapshot(p.defaults, p.autoscaler, p.deployment, p.domain, p.features, p.gc,
                        p.network, p.observability, p.legacyTracing, CertManagerConfig.parse(d));
            default:
                return previous;
        }
    }
}
