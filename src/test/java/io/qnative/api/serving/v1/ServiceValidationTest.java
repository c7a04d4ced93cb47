package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.create;
import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.testing.Admission;
import io.qnative.testing.Services;

/**
 * Service CREATE rules (Knative's pkg/apis/serving/v1/service_validation.go): metadata, template, traffic;
 * Knative's test/conformance/api/v1.
 */
class ServiceValidationTest {

    private static final String IMAGE = "ghcr.io/knative/helloworld-go:latest";

    private static Service svc(String yaml) {
        return yaml(Service.class, "apiVersion: serving.knative.dev/v1\nkind: Service\n" + yaml);
    }

    /** A Service with the given metadata/annotations and template parts and valid traffic. */
    private static Service svc(String metadata, String templateMetadata, String templateSpecExtra) {
        return svc("""
                metadata: %s
                spec:
                  traffic: [{latestRevision: true, percent: 100}]
                  template:
                    metadata: %s
                    spec:
                      containers: [{image: %s}]
                %s""".formatted(metadata, templateMetadata, IMAGE, templateSpecExtra.indent(6)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("defaulted minimal is valid", Services.defaulted("hello"), null),
                row("no traffic before defaulting", Services.minimal("hello"),
                        "Traffic targets sum to 0, want 100: spec.traffic"),
                row("bad name", svc("{name: Hello}", "{}", ""),
                        "not a DNS 1035 label: [a DNS-1035 label must consist of lower case alphanumeric characters "
                                + "or '-', start with an alphabetic character, and end with an alphanumeric "
                                + "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                                + "'[a-z]([-a-z0-9]*[a-z0-9])?')]: metadata.name"),
                row("long name", svc("{name: " + "a".repeat(64) + "}", "{}", ""),
                        "not a DNS 1035 label: [must be no more than 63 characters]: metadata.name"),
                row("bad generateName", svc("{generateName: 9abc-}", "{}", ""),
                        "not a DNS 1035 label prefix: [a DNS-1035 label must consist of lower case alphanumeric "
                                + "characters or '-', start with an alphabetic character, and end with an "
                                + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation "
                                + "is '[a-z]([-a-z0-9]*[a-z0-9])?')]: metadata.generateName"),
                row("generateName ok", svc("{generateName: abc-}", "{}", ""), null),
                row("no name", svc("{namespace: x}", "{}", ""), "name or generateName is required: metadata.name"),
                row("autoscaling annotation on the service",
                        svc("{name: s, annotations: {autoscaling.knative.dev/min-scale: '1'}}", "{}", ""),
                        "invalid key name \"autoscaling.knative.dev/min-scale\": metadata.annotations\n"
                                + "autoscaling annotations must be put under \"spec.template.metadata.annotations\" "
                                + "to work"),
                row("rollout duration unparsable",
                        svc("{name: s, annotations: {serving.knative.dev/rollout-duration: soon}}", "{}", ""),
                        "invalid value: soon: metadata.annotations.serving.knative.dev/rollout-duration"),
                row("rollout duration precision",
                        svc("{name: s, annotations: {serving.knative.dev/rolloutDuration: 1500ms}}", "{}", ""),
                        "rollout-duration=1500ms is not at second precision: "
                                + "metadata.annotations.serving.knative.dev/rolloutDuration"),
                row("rollout duration negative",
                        svc("{name: s, annotations: {serving.knative.dev/rollout-duration: -2s}}", "{}", ""),
                        "rollout-duration=-2s must be positive: metadata.annotations.serving.knative.dev/rollout-duration"),
                row("template autoscaling annotation",
                        svc("{name: s}", "{annotations: {autoscaling.knative.dev/min-scale: '-1'}}", ""),
                        "expected 0 <= -1 <= 2147483647: "
                                + "spec.template.metadata.annotations.autoscaling.knative.dev/min-scale"),
                row("template name ok", svc("{name: s}", "{name: s-v1}", ""), null),
                row("template name without prefix", svc("{name: s}", "{name: other}", ""),
                        "invalid value: \"other\" must have prefix \"s-\": spec.template.metadata.name"),
                row("template name not dns", svc("{name: s}", "{name: s_1}", ""),
                        "invalid value: not a DNS 1035 label: [a DNS-1035 label must consist of lower case "
                                + "alphanumeric characters or '-', start with an alphabetic character, and end with "
                                + "an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                                + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]: spec.template.metadata.name"),
                row("template name with generateName parent", svc("{generateName: s-}", "{name: s-v1}", ""),
                        "must not set the field(s): spec.template.metadata.name"),
                row("progress deadline precision",
                        svc("{name: s}", "{annotations: {serving.knative.dev/progress-deadline: 1.5s}}", ""),
                        "progress-deadline=1.5s is not at second precision: "
                                + "spec.template.metadata.annotations.serving.knative.dev/progress-deadline"),
                row("progress deadline unparsable",
                        svc("{name: s}", "{annotations: {serving.knative.dev/progress-deadline: x}}", ""),
                        "invalid value: x: spec.template.metadata.annotations.serving.knative.dev/progress-deadline"),
                row("queue sidecar quantity", svc("{name: s}",
                        "{annotations: {queue.sidecar.serving.knative.dev/cpu-resource-request: lots}}", ""),
                        "invalid value: lots: spec.template.metadata.annotations."
                                + "[queue.sidecar.serving.knative.dev/cpu-resource-request]"),
                row("queue sidecar percentage", svc("{name: s}",
                        "{annotations: {queue.sidecar.serving.knative.dev/resource-percentage: '200'}}", ""),
                        "expected 0.1 <= 200 <= 100: spec.template.metadata.annotations."
                                + "[queue.sidecar.serving.knative.dev/resource-percentage]"),
                row("unknown networking annotation",
                        svc("{name: s}", "{annotations: {networking.knative.dev/foo: x, "
                                + "networking.knative.dev/ingress.class: y}}", ""),
                        "invalid key name \"networking.knative.dev/foo\": spec.template.metadata.annotations"),
                row("timeout above max", svc("{name: s}", "{}", "timeoutSeconds: 601"),
                        "expected 0 <= 601 <= 600: spec.template.spec.timeoutSeconds"),
                row("timeout negative", svc("{name: s}", "{}", "timeoutSeconds: -1"),
                        "expected 0 <= -1 <= 600: spec.template.spec.timeoutSeconds"),
                row("timeout zero means default", svc("{name: s}", "{}", "timeoutSeconds: 0"), null),
                row("response start not validated", svc("{name: s}", "{}", "responseStartTimeoutSeconds: 9999"),
                        null),
                row("container concurrency above max", svc("{name: s}", "{}", "containerConcurrency: 1001"),
                        "expected 0 <= 1001 <= 1000: spec.template.spec.containerConcurrency"),
                row("container concurrency negative", svc("{name: s}", "{}", "containerConcurrency: -1"),
                        "expected 0 <= -1 <= 1000: spec.template.spec.containerConcurrency"),
                row("no template", svc("metadata: {name: s}\nspec: {traffic: [{percent: 100}]}"),
                        "missing field(s): spec"),
                row("empty template spec", svc("""
                        metadata: {name: s}
                        spec:
                          traffic: [{percent: 100}]
                          template: {metadata: {name: s-a}}
                        """), "missing field(s): spec.template.spec.containers"),
                row("invalid serviceAccountName (conformance A.1)", svc("{name: s}", "{}",
                        "serviceAccountName: foo@bar.baz"),
                        "invalid value: foo@bar.baz: spec.template.spec.serviceAccountName\n"
                                + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                                + "'-' or '.', and must start and end with an alphanumeric character (e.g. "
                                + "'example.com', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }

    private static Arguments row(String name, Service s, String expected) {
        return Arguments.of(name, s, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesOnCreate(String name, Service s, String expected) {
        assertThat(errors(s, create())).isEqualTo(expected);
    }

    @Test
    void configDrivesTimeoutAndConcurrencyBounds() {
        AdmissionContext ctx = Admission.create(Admission.defaults(Map.of("max-revision-timeout-seconds", "900",
                "allow-container-concurrency-zero", "false", "container-concurrency-max-limit", "50")));
        Service s = svc("{name: s}", "{}", "timeoutSeconds: 901\ncontainerConcurrency: 0");
        assertThat(errors(s, ctx)).isEqualTo("""
                expected 0 <= 901 <= 900: spec.template.spec.timeoutSeconds
                expected 1 <= 0 <= 50: spec.template.spec.containerConcurrency""");
    }

    @Test
    void everyErrorOfTheObjectAtOnce() {
        Service s = svc("{name: s, annotations: {autoscaling.knative.dev/window: 60s}}",
                "{annotations: {autoscaling.knative.dev/window: 1s}}", "timeoutSeconds: 601");
        assertThat(errors(s, create())).isEqualTo("""
                expected 0 <= 601 <= 600: spec.template.spec.timeoutSeconds
                expected 6s <= 1s <= 1h0m0s: spec.template.metadata.annotations.autoscaling.knative.dev/window
                invalid key name "autoscaling.knative.dev/window": metadata.annotations
                autoscaling annotations must be put under "spec.template.metadata.annotations" to work""");
    }

    @Test
    void resourcePercentageAlwaysWarns() {
        Service s = svc("{name: s}", "{annotations: {queue.sidecar.serving.knative.dev/resourcePercentage: '50'}}",
                "");
        assertThat(errors(s, create())).isNull();
        assertThat(Admission.warnings(s, create())).contains("queue.sidecar.serving.knative.dev/resource-percentage "
                + "annotation is deprecated and will be removed in a future release: "
                + "spec.template.metadata.annotations.[queue.sidecar.serving.knative.dev/resourcePercentage]");
    }
}
