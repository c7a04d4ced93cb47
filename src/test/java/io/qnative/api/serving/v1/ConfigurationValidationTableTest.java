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
 * Knative's Configuration tables (pkg/apis/serving/v1/configuration_validation_test.go) replayed through
 * {@code Configuration.validate}: same names, same inputs, Go's {@code Error()} text.
 */
class ConfigurationValidationTableTest {

    private static final String DNS1035 = "[a DNS-1035 label must consist of lower case alphanumeric characters or "
            + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]";
    private static final String SERVICE_LABEL = "missing field(s): metadata.labels.serving.knative.dev/service";
    private static final String U1 = "oveja@knative.dev";
    private static final String U2 = "cabra@knative.dev";
    private static final String U3 = "vaca@knative.dev";

    static Configuration config(String metadata, String template) {
        return Admission.yaml(Configuration.class, """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata: %s
                spec:
                  template: %s
                """.formatted(metadata, template));
    }

    private static String image(String image) {
        return "{spec: {containers: [{image: '" + image + "'}]}}";
    }

    private static String named(String name, String image) {
        return "{metadata: {name: " + name + "}, spec: {containers: [{image: '" + image + "'}]}}";
    }

    /** TestConfigurationValidation and TestConfigurationLabelValidation, on CREATE. */
    static Stream<Arguments> creates() {
        String owner = "ownerReferences: [{apiVersion: serving.knative.dev/v1alpha1, kind: %s, name: %s}]";
        String byo = named("byo-name-foo", "hellworld");
        return Stream.of(
                Arguments.of("valid", "{name: valid}", image("busybox"), null),
                Arguments.of("invalid container concurrency", "{name: valid}",
                        "{spec: {containers: [{image: busybox}], containerConcurrency: -10}}",
                        "expected 0 <= -10 <= 1000: spec.template.spec.containerConcurrency"),
                Arguments.of("valid BYO name", "{name: byo-name}", byo, null),
                Arguments.of("invalid name", "{name: ''}", image("hellworld"),
                        "name or generateName is required: metadata.name"),
                Arguments.of("valid BYO name (with generateName)", "{generateName: byo-name-}", byo,
                        "must not set the field(s): spec.template.metadata.name"),
                Arguments.of("invalid BYO name (not prefixed)", "{name: byo-name}", named("foo", "hellworld"),
                        "invalid value: \"foo\" must have prefix \"byo-name-\": spec.template.metadata.name"),
                Arguments.of("invalid name for configuration spec", "{name: byo-name}", named("foo.bar", "hellworld"),
                        "invalid value: not a DNS 1035 label: " + DNS1035 + ": spec.template.metadata.name"),
                Arguments.of("invalid generate name for configuration spec", "{name: byo-name}",
                        "{metadata: {generateName: foo.bar}, spec: {containers: [{image: hellworld}]}}",
                        "invalid value: not a DNS 1035 label prefix: " + DNS1035
                                + ": spec.template.metadata.generateName"),
                Arguments.of("valid generate name for configuration spec", "{name: byo-name}",
                        "{metadata: {generateName: valid-generatename}, spec: {containers: [{image: hellworld}]}}",
                        null),
                Arguments.of("invalid autoscaling.knative.dev annotation", "{name: autoscaling-annotation, "
                        + "annotations: {autoscaling.knative.dev/foo: bar}}", image("hellworld"),
                        "invalid key name \"autoscaling.knative.dev/foo\": metadata.annotations\n"
                                + "autoscaling annotations must be put under \"spec.template.metadata.annotations\" "
                                + "to work"),
                Arguments.of("valid route name", "{name: byo-name, labels: {serving.knative.dev/route: test-route}}",
                        byo, null),
                Arguments.of("valid knative service name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, " + owner.formatted("Service", "test-svc") + "}",
                        byo, null),
                Arguments.of("invalid knative service name without matching owner references", "{name: byo-name, "
                        + "labels: {serving.knative.dev/service: test-svc}, "
                        + owner.formatted("Service", "absent-svc") + "}", byo, SERVICE_LABEL),
                Arguments.of("invalid knative service name with multiple owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, ownerReferences: [{apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: NewSerice, name: test-new-svc}, {apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: Service, name: test-svc}]}", byo, null),
                Arguments.of("invalid knative service name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: absent-svc}}", byo, SERVICE_LABEL),
                Arguments.of("Mismatch knative service label and owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}, "
                        + owner.formatted("BrandNewService", "brand-new-svc") + "}", byo, SERVICE_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void validatesOnCreate(String name, String metadata, String template, String want) {
        assertThat(Admission.errors(config(metadata, template), Admission.create())).isEqualTo(want);
    }

    /**
     * TestImmutableConfigurationFields. "bad byo name change" compares the message and path only: the details name
     * JSON fields ({@code spec.containers[0].image}) where Go's kmp.ShortDiff names Go fields
     * ({@code Spec.PodSpec.Containers[0].Image}).
     */
    static Stream<Arguments> immutable() {
        return Stream.of(
                Arguments.of("without byo-name", "{name: no-byo-name}", image("helloworld:foo"),
                        image("helloworld:bar"), null),
                Arguments.of("good byo name change", "{name: byo-name}", named("byo-name-foo", "helloworld:foo"),
                        named("byo-name-bar", "helloworld:bar"), null),
                Arguments.of("good byo name (no change)", "{name: byo-name}", named("byo-name-foo", "helloworld:foo"),
                        named("byo-name-foo", "helloworld:foo"), null),
                Arguments.of("bad byo name change", "{name: byo-name}", named("byo-name-foo", "helloworld:foo"),
                        named("byo-name-foo", "helloworld:bar"),
                        "Saw the following changes without a name change (-old +new): spec.template.metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("immutable")
    void keepsNamedTemplatesImmutable(String name, String metadata, String now, String old, String want) {
        String got = Admission.errors(config(metadata, now), Admission.update(config(metadata, old)));
        assertThat(got == null ? null : got.lines().findFirst().orElseThrow()).isEqualTo(want);
    }

    /** TestConfigurationSubresourceUpdate: a status update skips the template, any other subresource does not. */
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
        Configuration c = config("{name: valid}", "{spec: {containers: [{image: busybox}], timeoutSeconds: "
                + timeout + "}}");
        AdmissionContext ctx = new AdmissionContext(AdmissionContext.Operation.UPDATE, subresource, Admission.USER,
                Optional.of(c), ConfigSnapshot.DEFAULT, false);
        assertThat(Admission.errors(c, ctx)).isEqualTo(want);
    }

    /** TestConfigurationAnnotationUpdate. */
    static Stream<Arguments> annotationUpdates() {
        String owned = ", ownerReferences: [{apiVersion: v1, kind: serving.knative.dev}]";
        return Stream.of(
                Arguments.of("update creator annotation", U2, U1, "", "helloworld:foo", "annotation value is "
                        + "immutable: metadata.annotations.serving.knative.dev/creator"),
                Arguments.of("update creator annotation with spec changes", U2, U1, "", "helloworld:bar",
                        "annotation value is immutable: metadata.annotations.serving.knative.dev/creator"),
                Arguments.of("update lastModifier annotation without spec changes", U1, U2, "", "helloworld:foo",
                        "invalid value: " + U2 + ": metadata.annotations.serving.knative.dev/lastModifier"),
                Arguments.of("update lastModifier annotation with spec changes", U1, U3, "", "helloworld:bar", null),
                Arguments.of("no validation for lastModifier annotation even after update without spec changes as "
                        + "configuration owned by service", U1, U3, owned, "helloworld:foo", null),
                Arguments.of("no validation for creator annotation even after update as configuration owned by "
                        + "service", U3, U1, owned, "helloworld:foo", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotationUpdates")
    void checksCreatorAndModifier(String name, String creator, String modifier, String owners, String image,
            String want) {
        String template = "{spec: {containers: [{image: '%s'}], timeoutSeconds: 600}}";
        Configuration prev = config("{name: valid, annotations: {serving.knative.dev/creator: " + U1
                + ", serving.knative.dev/lastModifier: " + U1 + "}}", template.formatted("helloworld:foo"));
        Configuration now = config("{name: valid, annotations: {serving.knative.dev/creator: " + creator
                + ", serving.knative.dev/lastModifier: " + modifier + "}" + owners + "}", template.formatted(image));
        assertThat(Admission.errors(now, Admission.update(prev))).isEqualTo(want);
    }
}
