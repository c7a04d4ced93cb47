package io.qnative.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Process settings of qnative ({@code qnative.*} in application.properties, or {@code QNATIVE_*} environment
 * variables). Cluster settings live in the {@code config-*} ConfigMaps instead; see {@link ConfigSnapshot}.
 */
@ConfigMapping(prefix = "qnative")
public interface QnativeConfig {

    /**
     * The namespace qnative is installed in: where it reads the {@code config-*} ConfigMaps and keeps its own
     * objects (Knative's {@code SYSTEM_NAMESPACE}).
     */
    @WithDefault("knative-serving")
    String systemNamespace();
}
