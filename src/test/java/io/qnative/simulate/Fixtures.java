package io.qnative.simulate;

import java.util.Map;

import io.qnative.autoscaler.scaling.DeciderSpec;
import io.qnative.autoscaler.scaling.ParameterResolver;
import io.qnative.autoscaler.scaling.Reachability;
import io.qnative.config.AutoscalerConfig;

/** Resolved parameters for tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Knative's defaults for a revision without annotations. */
    static DeciderSpec spec() {
        return ParameterResolver.resolve(Map.of(), AutoscalerConfig.DEFAULT, 0, Reachability.REACHABLE).decider();
    }
}
