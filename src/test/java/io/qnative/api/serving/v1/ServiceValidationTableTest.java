package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;

/**
 * Knative's Service tables (pkg/apis/serving/v1/service_validation_test.go) replayed through {@code Service.validate}:
 * same names, same inputs, Go's {@code Error()} text. Not replayed: "invalid knative label" (unknown
 * {@code serving.knative.dev/} labels are tolerated by qnative) and "status update with invalid status"
 * (service_validation.go validates no status). The visibility label is {@code networking.knative.dev/visibility}.
 */
class ServiceValidationTableTest {

    private static final String LATEST = "[{latestRevision: true, percent: 100}]";

    private static Service service(String metadata, String template, String traffic) {
        return Admission.yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: %s
                spec:
                  template: %s
                  traffic: %s
                """.formatted(metadata, template, traffic));
    }

    private static String image(String image) {
        return "{spec: {containers: [{image: '" + image + "'}]}}";
    }

    /** TestServiceValidation. */
    static Stream<Arguments> creates() {
        String busybox = image("busybox");
        return Stream.of(
                Arguments.of("valid run latest", "{name: valid}", busybox, LATEST, null),
                Arguments.of("valid visibility label", "{name: valid, labels: {networking.knative.dev/visibility: "
                        + "cluster-local}}", busybox, LATEST, null),
                Arguments.of("valid non knative label", "{name: valid, labels: {serving.name: some-name}}", busybox,
                        LATEST, null),
                Arguments.of("invalid visibility label value", "{name: valid, labels: "
                        + "{networking.knative.dev/visibility: bad-label}}", busybox, LATEST,
                        "invalid value: bad-label: metadata.labels.networking.knative.dev/visibility"),
                Arguments.of("valid release", "{name: valid}", busybox, "[{tag: current, latestRevision: false, "
                        + "revisionName: valid-00001, percent: 98}, {tag: candidate, latestRevision: false, "
                        + "revisionName: valid-00002, percent: 2}, {tag: latest, latestRevision: true}]", null),
                Arguments.of("invalid configurationName", "{name: valid}", busybox, "[{configurationName: valid, "
                        + "latestRevision: true, percent: 100}]",
                        "must not set the field(s): spec.traffic[0].configurationName"),
                Arguments.of("invalid latestRevision", "{name: valid}", busybox, "[{revisionName: valid, "
                        + "latestRevision: true, percent: 100}]", "may not set revisionName \"valid\" when "
                        + "latestRevision is true: spec.traffic[0].latestRevision"),
                Arguments.of("invalid container concurrency", "{name: valid}", "{spec: {containers: [{image: "
                        + "busybox}], containerConcurrency: -10}}", LATEST,
                        "expected 0 <= -10 <= 1000: spec.template.spec.containerConcurrency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void validatesOnCreate(String name, String metadata, String template, String traffic, String want) {
        assertThat(Admission.errors(service(metadata, template, traffic), Admission.create())).isEqualTo(want);
    }

    /**
     * TestImmutableServiceFields. "bad byo-name" compares the message and path only: the details name JSON fields
     * where Go's kmp.ShortDiff names Go fields, and its path is the Configuration table's.
     */
    static Stream<Arguments> immutable() {
        String foo = "{metadata: {name: byo-name-foo}, spec: {containers: [{image: 'helloworld:foo'}]}}";
        String bar = "{metadata: {name: byo-name-bar}, spec: {containers: [{image: 'helloworld:bar'}]}}";
        String fooWithBar = "{metadata: {name: byo-name-foo}, spec: {containers: [{image: 'helloworld:bar'}]}}";
        return Stream.of(
                Arguments.of("without byo-name", "no-byo-name", image("helloworld:foo"), LATEST,
                        image("helloworld:bar"), LATEST, null),
                Arguments.of("good byo-name (name change)", "byo-name", foo, "[{revisionName: byo-name-foo, "
                        + "percent: 100}]", bar, "[{revisionName: byo-name-bar, percent: 100}]", null),
                Arguments.of("good byo-name (with delta)", "byo-name", foo, "[{revisionName: byo-name-bar, "
                        + "percent: 100}]", bar, "[{revisionName: byo-name-bar, percent: 100}]", null),
                // Knative's table of this file's version says spec.template; configuration_validation_test.go says
                // spec.template.metadata.name, which qnative follows for both kinds
                Arguments.of("bad byo-name", "byo-name", foo, LATEST, fooWithBar, LATEST,
                        "Saw the following changes without a name change (-old +new): spec.template.metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("immutable")
    void keepsNamedTemplatesImmutable(String name, String svc, String now, String nowTraffic, String old,
            String oldTraffic, String want) {
        String got = Admission.errors(service("{name: " + svc + "}", now, nowTraffic),
                Admission.update(service("{name: " + svc + "}", old, oldTraffic)));
        assertThat(got == null ? null : got.lines().findFirst().orElseThrow()).isEqualTo(want);
    }

    /** TestServiceSubresourceUpdate. */
    static Stream<Arguments> subresources() {
        return Stream.of(
                Arguments.of("status update with valid revision template", 599, "status", null),
                Arguments.of("status update with invalid revision template", 601, "status", null),
                Arguments.of("non-status sub resource update with valid revision template", 599, "foo", null),
                Arguments.of("non-status sub resource update with invalid revision template", 601, "foo",
                        "expected 0 <= 601 <= 600: spec.template.spec.timeoutSeconds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subresources")
    void validatesSubresourceUpdates(String name, int timeout, String subresource, String want) {
        Service s = service("{name: valid}", "{spec: {containers: [{image: 'helloworld:foo'}], timeoutSeconds: "
                + timeout + "}}", LATEST);
        AdmissionContext ctx = new AdmissionContext(AdmissionContext.Operation.UPDATE, subresource, Admission.USER,
                Optional.of(s), ConfigSnapshot.DEFAULT, false);
        assertThat(Admission.errors(s, ctx)).isEqualTo(want);
    }
}
