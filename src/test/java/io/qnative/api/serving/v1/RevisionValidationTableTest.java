package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.serving.MetadataValidation;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.FieldError;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;

/**
 * Knative's Revision tables (pkg/apis/serving/v1/revision_validation_test.go) replayed: same names, same inputs,
 * Go's {@code Error()} text of the error-level findings (the queue-sidecar percentage key also warns, a deprecation;
 * warnings are not errors).
 */
class RevisionValidationTableTest {

    private static final String DNS1035 = "[a DNS-1035 label must consist of lower case alphanumeric characters or "
            + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]";
    private static final String PERCENTAGE = "[queue.sidecar.serving.knative.dev/resource-percentage]";
    private static final String CONFIG_LABEL = "missing field(s): metadata.labels.serving.knative.dev/configuration";

    private static Revision revision(String metadata, String spec) {
        return Admission.yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    private static String render(FieldError e) {
        return e == null || e.isEmpty() ? null : e.error();
    }

    /** TestRevisionValidation and TestRevisionLabelAnnotationValidation: {@code Revision.Validate} on CREATE. */
    static Stream<Arguments> revisions() {
        String spec = "{containers: [{image: busybox}]}";
        String owner = "ownerReferences: [{apiVersion: serving.knative.dev/v1alpha1, kind: %s, name: %s}]";
        return Stream.of(
                Arguments.of("valid", "{name: valid}", spec, null),
                Arguments.of("invalid container concurrency", "{name: valid}",
                        "{containers: [{image: busybox}], containerConcurrency: -10}",
                        "expected 0 <= -10 <= 1000: spec.containerConcurrency"),
                Arguments.of("valid route name", "{name: byo-name, labels: {serving.knative.dev/route: test-route}}",
                        spec, null),
                Arguments.of("valid knative service name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/service: test-svc}}", spec, null),
                Arguments.of("valid knative service name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configurationGeneration: '1234'}}", spec, null),
                Arguments.of("invalid knative configuration name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configuration: absent-cfg}}", spec, CONFIG_LABEL),
                Arguments.of("valid knative configuration name", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configuration: test-cfg}, "
                        + owner.formatted("Configuration", "test-cfg") + "}", spec, null),
                Arguments.of("invalid knative configuration name without owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configuration: test-svc}, "
                        + owner.formatted("Configuration", "diff-cfg") + "}", spec, CONFIG_LABEL),
                Arguments.of("invalid knative configuration name with multiple owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configuration: test-cfg}, ownerReferences: [{apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: NewConfiguration, name: test-new-cfg}, {apiVersion: "
                        + "serving.knative.dev/v1alpha1, kind: Configuration, name: test-cfg}]}", spec, null),
                Arguments.of("Mismatch knative configuration label and owner ref", "{name: byo-name, labels: "
                        + "{serving.knative.dev/configuration: test-cfg}, "
                        + owner.formatted("BrandNewService", "brand-new-svc") + "}", spec, CONFIG_LABEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisions")
    void validatesRevisions(String name, String metadata, String spec, String want) {
        assertThat(Admission.errors(revision(metadata, spec), Admission.create())).isEqualTo(want);
    }

    /** TestContainerConcurrencyValidation ({@code serving.ValidateContainerConcurrency}, default config). */
    static Stream<Arguments> containerConcurrency() {
        return Stream.of(
                Arguments.of("single", 1L, null),
                Arguments.of("unlimited", 0L, null),
                Arguments.of("ten", 10L, null),
                Arguments.of("invalid container concurrency (too small)", -1L, "expected 0 <= -1 <= 1000: "),
                Arguments.of("invalid container concurrency (too large)", 1001L, "expected 0 <= 1001 <= 1000: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerConcurrency")
    void validatesContainerConcurrency(String name, long cc, String want) {
        assertThat(render(MetadataValidation.containerConcurrency(cc, ConfigSnapshot.DEFAULT.defaults())))
                .isEqualTo(want);
    }

    /**
     * TestRevisionSpecValidation and TestValidateTimeoutSecond: {@code RevisionSpec.Validate}. Its "with multi
     * containers (ok)" and "too many containers" are not replayed: their two unnamed containers without ports are
     * refused by the k8s_validation.go this table follows elsewhere (a duplicate name "", missing
     * {@code containers[*].ports}); K8sPodSpecTableTest's "too many containers" gives its first container a port.
     */
    static Stream<Arguments> specs() {
        Map<String, String> none = Map.of();
        return Stream.of(
                Arguments.of("valid", none, none, "{containers: [{image: helloworld}]}", null),
                Arguments.of("with volume (ok)", none, none, "{containers: [{image: helloworld, volumeMounts: "
                        + "[{mountPath: /mount/path, name: the-name, readOnly: true}]}], volumes: [{name: the-name, "
                        + "secret: {secretName: foo}}]}", null),
                Arguments.of("with volume name collision", none, none, "{containers: [{image: helloworld, "
                        + "volumeMounts: [{mountPath: /mount/path, name: the-name, readOnly: true}]}], volumes: "
                        + "[{name: the-name, secret: {secretName: foo}}, {name: the-name, configMap: {}}]}",
                        "duplicate volume name \"the-name\": volumes[1].name"),
                Arguments.of("bad pod spec", none, none, "{containers: [{name: steve, image: helloworld, "
                        + "lifecycle: {}}]}", "must not set the field(s): containers[0].lifecycle"),
                Arguments.of("missing container", none, none, "{containers: []}", "missing field(s): containers"),
                Arguments.of("exceed max timeout", none, none, "{containers: [{image: helloworld}], "
                        + "timeoutSeconds: 6000}", "expected 0 <= 6000 <= 600: timeoutSeconds"),
                Arguments.of("exceed custom max timeout", none, Map.of("revision-timeout-seconds", "25",
                        "max-revision-timeout-seconds", "50"), "{containers: [{image: helloworld}], "
                        + "timeoutSeconds: 100}", "expected 0 <= 100 <= 50: timeoutSeconds"),
                Arguments.of("negative timeout", none, none, "{containers: [{image: helloworld}], "
                        + "timeoutSeconds: -30}", "expected 0 <= -30 <= 600: timeoutSeconds"),
                Arguments.of("valid timeout value", none, none, "{containers: [{image: helloworld}], "
                        + "timeoutSeconds: 100}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void validatesSpecs(String name, Map<String, String> features, Map<String, String> defaults, String spec,
            String want) {
        ConfigSnapshot config = features.isEmpty() ? Admission.defaults(defaults) : Admission.features(features);
        RevisionSpec rs = Admission.yaml(RevisionSpec.class, spec);
        assertThat(render(RevisionSpecRules.validateSpec(rs, config))).isEqualTo(want);
    }

    /**
     * TestRevisionTemplateSpecValidation within a parent named {@code parent}. Its "Invalid initial scale when
     * cluster doesn't allow zero" is not replayed: that Knative reports the key as the path, the one qnative follows
     * (metadata_validation_test.go's "cluster does not allow zero revision initial scale") reports
     * {@code <key>=0 not allowed by cluster}, which MetadataTableTest pins.
     */
    static Stream<Arguments> templates() {
        String c = "spec: {containers: [{image: helloworld}]}";
        return Stream.of(
                Arguments.of("valid", "", c, null),
                Arguments.of("empty spec", "", "spec: {}", "missing field(s): spec.containers"),
                Arguments.of("nested spec error", "", "spec: {containers: [{name: kevin, image: helloworld, "
                        + "lifecycle: {}}]}", "must not set the field(s): spec.containers[0].lifecycle"),
                Arguments.of("has revision template name", "", "metadata: {name: parent-foo}\n" + c, null),
                Arguments.of("valid name for revision template", "", "metadata: {name: ''}\n" + c, null),
                Arguments.of("invalid name for revision template", "", "metadata: {name: parent-@foo-bar}\n" + c,
                        "invalid value: not a DNS 1035 label: " + DNS1035 + ": metadata.name"),
                Arguments.of("invalid generate name for revision template", "",
                        "metadata: {generateName: parent-@foo-bar}\n" + c,
                        "invalid value: not a DNS 1035 label prefix: " + DNS1035 + ": metadata.generateName"),
                Arguments.of("invalid metadata.annotations for scale", "", "metadata: {annotations: "
                        + "{autoscaling.knative.dev/min-scale: '5', autoscaling.knative.dev/max-scale: covid-19}}\n"
                        + c, "invalid value: covid-19: metadata.annotations.autoscaling.knative.dev/max-scale"),
                Arguments.of("Queue sidecar resource percentage annotation more than 100", "", "metadata: "
                        + "{annotations: {queue.sidecar.serving.knative.dev/resource-percentage: '200'}}\n" + c,
                        "expected 0.1 <= 200 <= 100: metadata.annotations." + PERCENTAGE),
                Arguments.of("Invalid queue sidecar resource percentage annotation", "", "metadata: "
                        + "{annotations: {queue.sidecar.serving.knative.dev/resource-percentage: 50mx}}\n" + c,
                        "invalid value: 50mx: metadata.annotations." + PERCENTAGE),
                Arguments.of("Valid initial scale when cluster allows zero", "true", "metadata: {annotations: "
                        + "{autoscaling.knative.dev/initial-scale: '0'}}\n" + c, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void validatesTemplates(String name, String allowZero, String template, String want) {
        ConfigSnapshot config = allowZero.isEmpty() ? ConfigSnapshot.DEFAULT
                : Admission.autoscaler(Map.of("allow-zero-initial-scale", allowZero, "initial-scale", "1"));
        RevisionTemplateSpec rts = Admission.yaml(RevisionTemplateSpec.class, template);
        ObjectMeta parent = new ObjectMeta();
        parent.setName("parent");
        assertThat(render(RevisionSpecRules.validateTemplate(rts, parent, config))).isEqualTo(want);
    }

    /** TestValidateQueueSidecarAnnotation. */
    static Stream<Arguments> queueSidecar() {
        String key = "queue.sidecar.serving.knative.dev/resource-percentage";
        return Stream.of(
                Arguments.of("too small", Map.of(key, "0.01982"), "expected 0.1 <= 0.01982 <= 100: " + PERCENTAGE),
                Arguments.of("too big for Queue sidecar resource percentage annotation", Map.of(key, "100.0001"),
                        "expected 0.1 <= 100.0001 <= 100: " + PERCENTAGE),
                Arguments.of("Invalid queue sidecar resource percentage annotation", Map.of(key, ""),
                        "invalid value: : " + PERCENTAGE),
                Arguments.of("empty annotation", Map.of(), null),
                Arguments.of("different annotation other than QueueSideCarResourcePercentageAnnotation",
                        Map.of("serving.knative.dev/creator", "umph"), null),
                Arguments.of("valid value for Queue sidecar resource percentage annotation", Map.of(key, "0.1"),
                        null),
                Arguments.of("valid value for Queue sidecar resource percentage annotation", Map.of(key, "100"),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queueSidecar")
    void validatesQueueSidecarAnnotation(String name, Map<String, String> annotations, String want) {
        assertThat(render(MetadataValidation.queueSidecarAnnotations(annotations))).isEqualTo(want);
    }

    /** TestValidateRevisionName. */
    static Stream<Arguments> revisionNames() {
        return Stream.of(
                Arguments.of("invalid revision generateName - dots", "", "foo.bar", "", "",
                        "invalid value: not a DNS 1035 label prefix: " + DNS1035 + ": metadata.generateName"),
                Arguments.of("invalid revision name - dots", "foo.bar", "", "", "",
                        "invalid value: not a DNS 1035 label: " + DNS1035 + ": metadata.name"),
                Arguments.of("invalid name (not prefixed)", "foo", "", "bar", "",
                        "invalid value: \"foo\" must have prefix \"bar-\": metadata.name"),
                Arguments.of("invalid name (with generateName)", "foo-bar-foo", "", "", "foo-bar-",
                        "must not set the field(s): metadata.name"),
                Arguments.of("valid name", "valid-name", "", "valid", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revisionNames")
    void validatesRevisionNames(String name, String revName, String revGenerateName, String parentName,
            String parentGenerateName, String want) {
        ObjectMeta parent = new ObjectMeta();
        parent.setName(parentName.isEmpty() ? null : parentName);
        parent.setGenerateName(parentGenerateName.isEmpty() ? null : parentGenerateName);
        assertThat(render(RevisionSpecRules.revisionName(revName, revGenerateName, parent))).isEqualTo(want);
    }

    /**
     * TestImmutableFields. The first line is Knative's; the details are a diff in the spirit of Knative's
     * kmp.ShortDiff but name JSON fields ({@code containers[0].image}) where Go's names Go fields
     * ({@code PodSpec.Containers[0].Image}), so only the message and path are compared for the "bad" rows.
     */
    static Stream<Arguments> immutable() {
        String hello = "{containers: [{image: helloworld}]}";
        String changed = "Immutable fields changed (-old +new): spec";
        return Stream.of(
                Arguments.of("good (no change)", Map.of(), hello, hello, null),
                // "Existing revision should keep operating normally" when max-revision-timeout drops below it
                Arguments.of("good (max revision timeout change)", Map.of("revision-timeout-seconds", "25",
                        "max-revision-timeout-seconds", "50"), "{containers: [{image: helloworld}], "
                        + "timeoutSeconds: 100}", "{containers: [{image: helloworld}], timeoutSeconds: 100}", null),
                Arguments.of("bad (resources image change)", Map.of(), "{containers: [{resources: {requests: "
                        + "{cpu: 50m}}}]}", "{containers: [{resources: {requests: {cpu: 100m}}}]}", changed),
                Arguments.of("bad (container image change)", Map.of(), hello, "{containers: [{image: busybox}]}",
                        changed),
                Arguments.of("bad (concurrency model change)", Map.of(), "{containers: [{image: helloworld}], "
                        + "containerConcurrency: 1}", "{containers: [{image: helloworld}], containerConcurrency: 2}",
                        changed),
                Arguments.of("bad (new field added)", Map.of(), "{containers: [{image: helloworld}], "
                        + "serviceAccountName: foobar}", hello, changed),
                Arguments.of("bad (multiple changes)", Map.of(), "{serviceAccountName: foobar, containers: "
                        + "[{image: helloworld}]}", "{containers: [{image: busybox}]}", changed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("immutable")
    void keepsRevisionSpecImmutable(String name, Map<String, String> defaults, String now, String old, String want) {
        AdmissionContext ctx = AdmissionContext.update(Admission.defaults(defaults), Admission.USER,
                revision("{name: valid}", old));
        String got = Admission.errors(revision("{name: valid}", now), ctx);
        assertThat(got == null ? null : got.lines().findFirst().orElseThrow()).isEqualTo(want);
    }
}
