package io.qnative.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.validation.FieldError;
import io.qnative.config.AutoscalerConfig;
import io.qnative.config.DefaultsConfig;

/**
 * Knative's metadata tables (pkg/apis/serving/metadata_validation_test.go) replayed against
 * {@link MetadataValidation}: TestValidateObjectMetadata, TestValidateHasNoAutoscalingAnnotation,
 * TestValidateContainerConcurrency and TestValidateRolloutDurationAnnotation, same names, same inputs, Go's
 * {@code Error()} text. (TestValidateServiceMinscaleAnnotationKey is for a key newer than the Knative qnative follows;
 * TestAnnotationCreate and TestAnnotationUpdate are defaulting, in v1's DefaultingTest.)
 */
class MetadataTableTest {

    private static final String DNS1035 = "[a DNS-1035 label must consist of lower case alphanumeric characters or "
            + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]";
    private static final String INITIAL = "autoscaling.knative.dev/initial-scale";
    private static final String UNDER_TEMPLATE =
            "autoscaling annotations must be put under \"spec.template.metadata.annotations\" to work";

    static Stream<Arguments> objectMetadata() {
        return Stream.of(
                meta("invalid name - dots", "do.not.use.dots", null, Map.of(), false, false,
                        "not a DNS 1035 label: " + DNS1035 + ": name"),
                meta("invalid name - too long", "a".repeat(64), null, Map.of(), false, false,
                        "not a DNS 1035 label: [must be no more than 63 characters]: name"),
                meta("invalid name - trailing dash", "some-name-", null, Map.of(), false, false,
                        "not a DNS 1035 label: " + DNS1035 + ": name"),
                meta("valid generateName", null, "some-name", Map.of(), false, false, null),
                meta("valid generateName - trailing dash", null, "some-name-", Map.of(), false, false, null),
                meta("invalid generateName - dots", null, "do.not.use.dots", Map.of(), false, false,
                        "not a DNS 1035 label prefix: " + DNS1035 + ": generateName"),
                meta("invalid generateName - too long", null, "a".repeat(64), Map.of(), false, false,
                        "not a DNS 1035 label prefix: [must be no more than 63 characters]: generateName"),
                meta("missing name and generateName", null, null, Map.of(), false, false,
                        "name or generateName is required: name"),
                meta("valid creator annotation label", null, "some-name",
                        Map.of("serving.knative.dev/creator", "svc-creator"), false, false, null),
                meta("valid lastModifier annotation label", null, "some-name",
                        Map.of("serving.knative.dev/lastModifier", "svc-modifier"), false, false, null),
                meta("valid lastPinned annotation label", null, "some-name",
                        Map.of("serving.knative.dev/lastPinned", "pinned-val"), false, false, null),
                meta("valid preserve annotation label", null, "some-name",
                        Map.of("serving.knative.dev/lastPinned", "true"), false, false, null),
                meta("valid knative prefix annotation", null, "some-name",
                        Map.of("serving.knative.dev/testAnnotation", "value"), false, false, null),
                meta("valid non-knative prefix annotation label", null, "some-name",
                        Map.of("testAnnotation", "testValue"), false, false, null),
                meta("revision initial scale not parseable", null, "some-name", Map.of(INITIAL, "invalid"), true,
                        true, "invalid value: invalid: annotations." + INITIAL),
                meta("negative revision initial scale", null, "some-name", Map.of(INITIAL, "-2"), true, true,
                        "invalid value: -2: annotations." + INITIAL + " must be greater than 0"),
                meta("cluster allows zero revision initial scale", null, "some-name", Map.of(INITIAL, "0"), true,
                        true, null),
                meta("cluster does not allow zero revision initial scale", null, "some-name", Map.of(INITIAL, "0"),
                        true, false, "invalid value: 0: annotations." + INITIAL + "=0 not allowed by cluster"),
                meta("autoscaling annotations on a resource that doesn't allow them", null, "some-name",
                        Map.of(INITIAL, "0"), false, false, "invalid key name \"" + INITIAL + "\": annotations\n"
                                + UNDER_TEMPLATE));
    }

    private static Arguments meta(String name, String objName, String generateName, Map<String, String> annotations,
            boolean allowAutoscaling, boolean allowZeroInitialScale, String want) {
        ObjectMeta m = new ObjectMeta();
        m.setName(objName);
        m.setGenerateName(generateName);
        m.setAnnotations(annotations.isEmpty() ? null : new HashMap<>(annotations));
        return Arguments.of(name, m, allowAutoscaling, allowZeroInitialScale, want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectMetadata")
    void validatesObjectMetadata(String name, ObjectMeta meta, boolean allowAutoscaling, boolean allowZero,
            String want) {
        AutoscalerConfig autoscaler = AutoscalerConfig.parse(Map.of("allow-zero-initial-scale",
                String.valueOf(allowZero)));
        assertThat(render(MetadataValidation.servingObjectMetadata(meta, allowAutoscaling, autoscaler)))
                .isEqualTo(want);
    }

    static Stream<Arguments> autoscalingAnnotation() {
        String offender = "invalid key name \"autoscaling.knative.dev/foo\": \n" + UNDER_TEMPLATE;
        return Stream.of(
                Arguments.of("empty", Map.of(), null),
                Arguments.of("no offender", Map.of("foo", "bar"), null),
                Arguments.of("only offender", Map.of("autoscaling.knative.dev/foo", "bar"), offender),
                Arguments.of("offender and non-offender", Map.of("autoscaling.knative.dev/foo", "bar", "foo", "bar"),
                        offender));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autoscalingAnnotation")
    void validatesHasNoAutoscalingAnnotation(String name, Map<String, String> annotations, String want) {
        assertThat(render(MetadataValidation.hasNoAutoscalingAnnotation(annotations))).isEqualTo(want);
    }

    static Stream<Arguments> containerConcurrency() {
        return Stream.of(
                Arguments.of("empty containerConcurrency", null, Map.of(), null),
                Arguments.of("invalid containerConcurrency value", 2000L, Map.of(), "expected 0 <= 2000 <= 1000: "),
                Arguments.of("invalid containerConcurrency value, non def config", 2000L,
                        Map.of("container-concurrency-max-limit", "1950"), "expected 0 <= 2000 <= 1950: "),
                Arguments.of("invalid containerConcurrency value, zero but allow-container-concurrency-zero is false",
                        0L, Map.of("allow-container-concurrency-zero", "false"), "expected 1 <= 0 <= 1000: "),
                Arguments.of("valid containerConcurrency value", 10L, Map.of(), null),
                Arguments.of("valid containerConcurrency value zero", 0L, Map.of(), null),
                Arguments.of("valid containerConcurrency value huge", 2019L,
                        Map.of("container-concurrency-max-limit", "2021"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerConcurrency")
    void validatesContainerConcurrency(String name, Long cc, Map<String, String> defaults, String want) {
        assertThat(render(MetadataValidation.containerConcurrency(cc, DefaultsConfig.parse(defaults))))
                .isEqualTo(want);
    }

    static Stream<Arguments> rolloutDuration() {
        String key = ": serving.knative.dev/rollout-duration";
        return Stream.of(
                Arguments.of("empty", "", null),
                Arguments.of("valid", "120s", null),
                Arguments.of("fancy valid", "3h15m21s", null),
                Arguments.of("in ns", "120000000000", "invalid value: 120000000000" + key),
                Arguments.of("not a valid duration", "five minutes and 6 seconds",
                        "invalid value: five minutes and 6 seconds" + key),
                Arguments.of("negative", "-211s", "rollout-duration=-211s must be positive" + key),
                Arguments.of("too precise", "211s44ms", "rollout-duration=211s44ms is not at second precision" + key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rolloutDuration")
    void validatesRolloutDuration(String name, String value, String want) {
        assertThat(render(MetadataValidation.rolloutDuration(Map.of("serving.knative.dev/rollout-duration", value))))
                .isEqualTo(want);
    }

    private static String render(FieldError e) {
        return e.isEmpty() ? null : e.render();
    }
}
