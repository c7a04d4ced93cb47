package io.qnative.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.Validatable;
import io.qnative.config.FeaturesConfig;
import io.qnative.testing.Admission;
import io.qnative.testing.Examples;
import io.qnative.testing.Examples.Example;

/**
 * Every valid serving example manifest is admitted: after defaulting (all feature flags Enabled, as the examples
 * exercise gated fields) it validates without errors, and defaulting it again changes nothing. The exceptions are
 * round-trip fixtures of controller-made children written without their ownerReferences, which Knative's webhook
 * refuses too.
 */
class ExamplesAdmissionTest {

    private static final Map<String, Class<?>> KINDS = Map.of("Service", Service.class, "Configuration",
            Configuration.class, "Revision", Revision.class, "Route", Route.class, "DomainMapping",
            DomainMapping.class);

    private static final Map<String, String> REFUSED = Map.of(
            "knative-configuration-with-status.yaml", "missing field(s): metadata.labels.serving.knative.dev/service",
            "knative-route-mixed.yaml", "missing field(s): metadata.labels.serving.knative.dev/service",
            "seed-revision.yaml", "missing field(s): metadata.labels.serving.knative.dev/configuration");

    static Stream<Example> examples() {
        return Examples.valid().stream().filter(e -> e.apiVersion().startsWith("serving.knative.dev/")
                && KINDS.containsKey(e.kind()));
    }

    private static AdmissionContext permissive() {
        Map<String, String> flags = new HashMap<>();
        FeaturesConfig.FLAG_KEYS.forEach(k -> flags.put(k, "Enabled"));
        return Admission.create(Admission.features(flags));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void isAdmitted(Example example) throws Exception {
        Object obj = Examples.JSON.treeToValue(example.tree(), KINDS.get(example.kind()));
        AdmissionContext ctx = permissive();
        ((Defaultable) obj).setDefaults(ctx);
        FieldError errs = ((Validatable) obj).validate(ctx);
        assertThat(errs == null ? null : errs.error()).as(example.name()).isEqualTo(REFUSED.get(example.name()));
        Object again = Examples.JSON.treeToValue(Examples.JSON.valueToTree(obj), KINDS.get(example.kind()));
        ((Defaultable) again).setDefaults(Admission.update(obj));
        assertThat(again).isEqualTo(obj);
    }
}
