package io.qnative.testing;

import io.qnative.config.QnativeConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;

/** Process configuration for plain unit and mock-server tests: the real defaults, short leader-election times. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** Defaults with leader election on and quick lease timings. */
    public static QnativeConfig qnative() {
        return qnative(true);
    }

    public static QnativeConfig qnative(boolean leaderElection) {
        return qnative(leaderElection, "knative-serving");
    }

    /** Defaults with the given system namespace (where the Lease lives). */
    public static QnativeConfig qnative(boolean leaderElection, String systemNamespace) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(QnativeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(Map.of("qnative.system-namespace", systemNamespace,
                        "qnative.controller.leader-election.enabled", String.valueOf(leaderElection),
                        "qnative.controller.leader-election.lease-duration", "3s",
                        "qnative.controller.leader-election.renew-deadline", "2s",
                        "qnative.controller.leader-election.retry-period", "500ms"))
                .build();
        return config.getConfigMapping(QnativeConfig.class);
    }
}
