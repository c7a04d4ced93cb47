package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.update;
import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qnative.api.serving.ServingKeys;
import io.qnative.testing.Admission;
import io.qnative.testing.Services;

/**
 * UPDATE rules (CheckImmutableFields in pkg/apis/serving/v1/*_validation.go): BYO names, creator/lastModifier,
 * Revision immutability, status updates.
 */
class UpdateValidationTest {

    private static Service byo(String image) {
        Service s = yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: s, namespace: ns}
                spec:
                  template:
                    metadata: {name: s-byoname}
                    spec: {containers: [{image: %s}]}
                """.formatted(image));
        s.setDefaults(Admission.create());
        return s;
    }

    @Test
    void byoNameFrozenWhenTemplateChanges() {
        Service old = byo("ghcr.io/knative/a:1");
        Service now = byo("ghcr.io/knative/a:2");
        assertThat(errors(now, update(old))).isEqualTo("""
                Saw the following changes without a name change (-old +new): spec.template.metadata.name
                {*v1.RevisionTemplateSpec}.spec.containers[0].image:
                \t-: "ghcr.io/knative/a:1"
                \t+: "ghcr.io/knative/a:2"
                """);
    }

    @Test
    void byoNameMayChangeWithTheTemplate() {
        Service old = byo("ghcr.io/knative/a:1");
        Service now = byo("ghcr.io/knative/a:2");
        now.getSpec().getTemplate().getMetadata().setName("s-other");
        assertThat(errors(now, update(old))).isNull();
    }

    @Test
    void creatorIsImmutable() {
        Service old = Services.defaulted("s");
        Service now = Services.defaulted("s");
        now.getMetadata().getAnnotations().put(ServingKeys.CREATOR, "mallory");
        assertThat(errors(now, update(old)))
                .isEqualTo("annotation value is immutable: metadata.annotations.serving.knative.dev/creator");
    }

    @Test
    void lastModifierOnlyChangesWithTheSpec() {
        Service old = Services.defaulted("s");
        Service now = Services.defaulted("s");
        now.getMetadata().getAnnotations().put(ServingKeys.LAST_MODIFIER, "mallory");
        assertThat(errors(now, update(old)))
                .isEqualTo("invalid value: mallory: metadata.annotations.serving.knative.dev/lastModifier");
        now.getSpec().getTemplate().getSpec().setTimeoutSeconds(30L);
        assertThat(errors(now, update(old))).isNull();
    }

    @Test
    void statusUpdateSkipsMetadataAndSpecButChecksAnnotations() {
        Service old = Services.defaulted("s");
        Service now = Services.defaulted("s");
        now.getSpec().getTemplate().getSpec().setTimeoutSeconds(9999L);
        assertThat(errors(now, Admission.statusUpdate(old))).isNull();
        now.getMetadata().getAnnotations().put(ServingKeys.CREATOR, "x");
        assertThat(errors(now, Admission.statusUpdate(old)))
                .isEqualTo("annotation value is immutable: metadata.annotations.serving.knative.dev/creator");
    }

    private static Configuration config(String ownerRefs) {
        Configuration c = yaml(Configuration.class, """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata:
                  name: c
                  labels: {serving.knative.dev/service: c}
                  annotations: {serving.knative.dev/creator: alice}
                  ownerReferences: %s
                spec:
                  template: {spec: {containers: [{image: ghcr.io/knative/helloworld-go}]}}
                """.formatted(ownerRefs));
        return c;
    }

    @Test
    void ownedConfigurationSkipsCreatorCheck() {
        String owner = "[{apiVersion: serving.knative.dev/v1, kind: Service, name: c, uid: u}]";
        Configuration old = config(owner);
        Configuration now = config(owner);
        now.getMetadata().setAnnotations(Map.of(ServingKeys.CREATOR, "bob"));
        assertThat(errors(now, update(old))).isNull();
    }

    @Test
    void configurationLabelNeedsOwnerAndCreatorIsChecked() {
        Configuration old = config("[]");
        Configuration now = config("[]");
        now.getMetadata().setAnnotations(Map.of(ServingKeys.CREATOR, "bob"));
        assertThat(errors(now, update(old))).isEqualTo("""
                annotation value is immutable: metadata.annotations.serving.knative.dev/creator
                missing field(s): metadata.labels.serving.knative.dev/service""");
    }

    private static Revision revision(String image) {
        return yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: r, annotations: {autoscaling.knative.dev/min-scale: x}}
                spec: {containers: [{image: %s}], timeoutSeconds: 99999}
                """.formatted(image));
    }

    @Test
    void revisionCreateValidatesSpecAndAutoscalingAnnotations() {
        assertThat(errors(revision("ghcr.io/knative/a:1"), Admission.create())).isEqualTo("""
                expected 0 <= 99999 <= 600: spec.timeoutSeconds
                invalid value: x: metadata.annotations.autoscaling.knative.dev/min-scale""");
    }

    @Test
    void revisionSpecIsImmutableAndNotRevalidated() {
        assertThat(errors(revision("ghcr.io/knative/a:1"), update(revision("ghcr.io/knative/a:1"))))
                .isEqualTo("invalid value: x: metadata.annotations.autoscaling.knative.dev/min-scale");
        assertThat(errors(revision("ghcr.io/knative/a:2"), update(revision("ghcr.io/knative/a:1")))).isEqualTo("""
                Immutable fields changed (-old +new): spec
                {v1.RevisionSpec}.containers[0].image:
                \t-: "ghcr.io/knative/a:1"
                \t+: "ghcr.io/knative/a:2"
                """);
    }

    @Test
    void revisionConfigurationLabelNeedsOwner() {
        Revision r = yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: r, labels: {serving.knative.dev/configuration: c}}
                spec: {containers: [{image: ghcr.io/knative/a}]}
                """);
        assertThat(errors(r, Admission.create()))
                .isEqualTo("missing field(s): metadata.labels.serving.knative.dev/configuration");
    }
}
