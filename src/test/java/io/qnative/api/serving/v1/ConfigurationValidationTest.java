package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.create;
import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration CREATE rules (pkg/apis/serving/v1/configuration_validation.go): the same template rules as a
 * Service, no traffic.
 */
class ConfigurationValidationTest {

    private static Configuration config(String metadata, String spec) {
        return yaml(Configuration.class, """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("valid", "{name: c}", "{template: {spec: {containers: [{image: a/b}]}}}", null),
                Arguments.of("no spec", "{name: c}", "{}", "missing field(s): spec"),
                Arguments.of("autoscaling on the configuration",
                        "{name: c, annotations: {autoscaling.knative.dev/max-scale: '2'}}",
                        "{template: {spec: {containers: [{image: a/b}]}}}",
                        "invalid key name \"autoscaling.knative.dev/max-scale\": metadata.annotations\n"
                                + "autoscaling annotations must be put under \"spec.template.metadata.annotations\" "
                                + "to work"),
                Arguments.of("rollout duration is not checked on a Configuration",
                        "{name: c, annotations: {serving.knative.dev/rollout-duration: x}}",
                        "{template: {spec: {containers: [{image: a/b}]}}}", null),
                Arguments.of("template rules with configuration paths", "{name: c}", """
                        {template: {metadata: {name: d-1, annotations: {autoscaling.knative.dev/max-scale: '1',
                          autoscaling.knative.dev/min-scale: '2'}}, spec: {containerConcurrency: 2000,
                          containers: [{image: a/b}]}}}""", """
                        expected 0 <= 2000 <= 1000: spec.template.spec.containerConcurrency
                        invalid value: "d-1" must have prefix "c-": spec.template.metadata.name
                        max-scale=1 is less than min-scale=2: \
                        spec.template.metadata.annotations.autoscaling.knative.dev/max-scale, \
                        spec.template.metadata.annotations.autoscaling.knative.dev/min-scale"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesOnCreate(String name, String metadata, String spec, String expected) {
        assertThat(errors(config(metadata, spec), create())).isEqualTo(expected);
    }
}
