package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.FieldError;
import io.qnative.testing.Admission;

/**
 * Knative's Route tables (pkg/apis/serving/v1/route_validation_test.go) replayed: same names, same inputs, Go's
 * {@code Error()} text. Not replayed: TestTrafficTargetValidation's rows in a status context and TestRouteValidation's
 * "missing url in status" (route_validation.go validates the spec only), and TestRouteLabelValidation's "invalid
 * knative label" (qnative tolerates unknown {@code serving.knative.dev/} labels). The visibility label
 * is {@code networking.knative.dev/visibility}, as route_validation.go has it since it moved from serving.
 */
class RouteValidationTableTest {

    private static final String NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
            + "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String DNS1035 = "[a DNS-1035 label must consist of lower case alphanumeric characters or "
            + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]";
    private static final String SERVICE_LABEL = "missing field(s): metadata.labels.serving.knative.dev/service";

    /** TestTrafficTargetValidation: a target, whether it has a default configuration name (a Service's), the error. */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("valid with revisionName", "{revisionName: bar, percent: 12}", false, null),
                Arguments.of("valid with revisionName and name (spec)", "{tag: foo, revisionName: bar, percent: 12}",
                        false, null),
                Arguments.of("invalid with bad revisionName", "{revisionName: b ar, percent: 12}", false,
                        "invalid key name \"b ar\": revisionName\n" + NAME_PART),
                Arguments.of("valid with revisionName and latestRevision", "{revisionName: bar, latestRevision: false, "
                        + "percent: 12}", false, null),
                Arguments.of("invalid with revisionName and latestRevision (spec)", "{revisionName: bar, "
                        + "latestRevision: true, percent: 12}", false,
                        "may not set revisionName \"bar\" when latestRevision is true: latestRevision"),
                Arguments.of("valid with configurationName", "{configurationName: bar, percent: 37}", false, null),
                Arguments.of("valid with configurationName and name (spec)", "{tag: foo, configurationName: bar, "
                        + "percent: 37}", false, null),
                Arguments.of("invalid with bad configurationName", "{configurationName: b ar, percent: 37}", false,
                        "invalid key name \"b ar\": configurationName\n" + NAME_PART),
                Arguments.of("valid with configurationName and latestRevision", "{configurationName: blah, "
                        + "latestRevision: true, percent: 37}", false, null),
                Arguments.of("invalid with configurationName and latestRevision", "{configurationName: blah, "
                        + "latestRevision: false, percent: 37}", false,
                        "may not set revisionName \"\" when latestRevision is false: latestRevision"),
                Arguments.of("invalid with configurationName and default configurationName", "{configurationName: "
                        + "blah, percent: 37}", true, "must not set the field(s): configurationName"),
                Arguments.of("valid with only default configurationName", "{percent: 37}", true, null),
                Arguments.of("valid with default configurationName and latestRevision", "{latestRevision: true, "
                        + "percent: 37}", true, null),
                Arguments.of("invalid with default configurationName and latestRevision", "{latestRevision: false, "
                        + "percent: 37}", true, "may not set revisionName \"\" when latestRevision is false: "
                        + "latestRevision"),
                Arguments.of("valid with revisionName and default configurationName", "{revisionName: bar, "
                        + "percent: 12}", true, null),
                Arguments.of("valid with no percent", "{configurationName: booga}", false, null),
                Arguments.of("valid with nil percent", "{configurationName: booga, percent: null}", false, null),
                Arguments.of("valid with zero percent", "{configurationName: booga, percent: 0}", false, null),
                Arguments.of("valid with no name", "{configurationName: booga, percent: 100}", false, null),
                Arguments.of("invalid with both", "{revisionName: foo, configurationName: bar}", false,
                        "expected exactly one, got both: configurationName, revisionName"),
                Arguments.of("invalid with neither", "{percent: 100}", false,
                        "expected exactly one, got neither: configurationName, revisionName"),
                Arguments.of("invalid percent too low", "{revisionName: foo, percent: -5}", false,
                        "expected 0 <= -5 <= 100: percent"),
                Arguments.of("invalid percent too high", "{revisionName: foo, percent: 101}", false,
                        "expected 0 <= 101 <= 100: percent"),
                Arguments.of("disallowed url set", "{configurationName: foo, percent: 100, "
                        + "url: '//should.not.be.set'}", false, "must not set the field(s): url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void validatesTrafficTargets(String name, String target, boolean defaultConfigurationName, String want) {
        FieldError e = TrafficRules.target(Admission.yaml(TrafficTarget.class, target), defaultConfigurationName);
        assertThat(e.isEmpty() ? null : e.error()).isEqualTo(want);
    }

    private static Route route(String metadata, String traffic) {
        return Admission.yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: %s
                spec:
                  traffic: %s
                """.formatted(metadata, traffic));
    }

    /** TestRouteValidation and TestRouteLabelValidation, on CREATE. */
    static Stream<Arguments> routes() {
        String valid = "[{tag: bar, revisionName: foo, percent: 100}]";
        String owner = "ownerReferences: [{apiVersion: serving.knative.dev/v1alpha1, kind: %s, name: %s}]";
        return Stream.of(
                Arguments.of("valid", "{name: valid}", valid, null),
                Arguments.of("valid split", "{name: valid}", "[{tag: prod, revisionName: foo, percent: 90}, "
                        + "{tag: experiment, configurationName: bar, percent: 10}]", null),
                Arguments.of("valid split without tags", "{name: valid}", "[{revisionName: foo, percent: 90}, "
                        + "{revisionName: bar, percent: 10}]", null),
                Arguments.of("invalid traffic entry (missing oneof)", "{name: valid}", "[{tag: foo, percent: 100}]",
                        "expected exactly one, got neither: spec.traffic[0].configurationName, "
                                + "spec.traffic[0].revisionName"),
                Arguments.of("invalid traffic entry (multiple names)", "{name: valid}", "[{tag: foo, revisionName: "
                        + "bar, percent: 50}, {tag: foo, revisionName: bar, percent: 50}]",
                        "Multiple definitions for \"foo\": spec.traffic[0].tag, spec.traffic[1].tag"),
                Arguments.of("invalid name - dots", "{name: do.not.use.dots}", "[{revisionName: foo, percent: 100}]",
                        "not a DNS 1035 label: " + DNS1035 + ": metadata.name"),
                Arguments.of("invalid name - dots and spec percent is not 100", "{name: do.not.use.dots}",
                        "[{revisionName: foo, percent: 90}]", "Traffic targets sum to 90, want 100: spec.traffic\n"
                                + "not a DNS 1035 label: " + DNS1035 + ": metadata.name"),
                Arguments.of("invalid name - too long", "{name: " + "a".repeat(64) + "}",
                        "[{revisionName: foo, percent: 100}]",
                        "not a DNS 1035 label: [must be no more than 63 characters]: metadata.name"),
                Arguments.of("valid visibility name", "{name: byo-name, labels: "
                        + "{networking.knative.dev/visibility: cluster-local}}", valid, null),
                Arguments.of("invalid visibility name", "{name: byo-name, labels: "
                        + "{networking.knative.dev/visibility: bad-value}}", valid,
                        "invalid value: bad-value: metadata.labels.networking.knative.dev/visibility"),
                Arguments.of("valid knative service name", "{name: byo-name, labels: {serving.knative.dev/service: "
                        + "test-svc}, " + owner.formatted("Service", "test-svc") + "}", valid, null),
                Arguments.of("invalid knative service name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: absent-svc}}", valid, SERVICE_LABEL),
                Arguments.of("Mismatch knative service label and owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, "
                        + owner.formatted("BrandNewService", "brand-new-svc") + "}", valid, SERVICE_LABEL),
                Arguments.of("invalid knative service name without correct owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, " + owner.formatted("Service", "absent-svc")
                        + "}", valid, SERVICE_LABEL),
                Arguments.of("invalid knative service name with multiple owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, ownerReferences: [{apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: NewSerice, name: test-new-svc}, {apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: Service, name: test-svc}]}", valid, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void validatesRoutes(String name, String metadata, String traffic, String want) {
        assertThat(Admission.errors(route(metadata, traffic), Admission.create())).isEqualTo(want);
    }
}
