package io.qnative.api.serving.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.testing.Admission;

/**
 * Knative's DomainMapping tables (pkg/apis/serving/v1/domainmapping_validation_test.go; v1beta1's rules are the same)
 * replayed: same names, same inputs, Go's {@code Error()} text.
 */
class DomainMappingValidationTableTest {

    private static final String U1 = "oveja@knative.dev";
    private static final String U2 = "cabra@knative.dev";
    private static final String U3 = "vaca@knative.dev";

    private static DomainMapping dm(String metadata, String ref) {
        return Admission.yaml(DomainMapping.class, """
                apiVersion: serving.knative.dev/v1beta1
                kind: DomainMapping
                metadata: %s
                spec: {ref: %s}
                """.formatted(metadata, ref));
    }

    /** TestDomainMappingValidation. */
    static Stream<Arguments> creates() {
        return Stream.of(
                Arguments.of("invalid name", "{name: invalid, namespace: ns}", "{name: some-name.example.com, "
                        + "apiVersion: serving.knative.dev/v1, kind: Service, namespace: ns}",
                        "invalid name \"invalid\": name: Invalid value: \"invalid\": should be a domain with at least "
                                + "two segments separated by dots: metadata.name"),
                Arguments.of("uses GenerateName rather than Name", "{generateName: cant-use-this, namespace: ns}",
                        "{name: some-name.example.com, apiVersion: serving.knative.dev/v1, kind: Service, "
                                + "namespace: ns}", "invalid name \"\": name: Required value: metadata.name\n"
                                + "must not set the field(s): metadata.generateName"),
                Arguments.of("ref in wrong namespace", "{name: wrong-ref-ns.example.com, namespace: good-namespace}",
                        "{name: some-name, namespace: bad-namespace, apiVersion: serving.knative.dev/v1, "
                                + "kind: Service}", "mismatched namespaces: spec.ref.namespace\n"
                                + "parent namespace: \"good-namespace\" does not match ref: \"bad-namespace\""),
                Arguments.of("ref missing Kind", "{name: wrong-kind.example.com, namespace: ns}",
                        "{name: some-name, namespace: ns, apiVersion: serving.knative.dev/v1}",
                        "missing field(s): spec.ref.kind"),
                Arguments.of("ref missing ApiVersion", "{name: wrong-version.example.com, namespace: ns}",
                        "{name: some-name, namespace: ns, kind: Service}", "missing field(s): spec.ref.apiVersion"),
                Arguments.of("cluster local domain name", "{name: notallowed.svc.cluster.local, namespace: ns}",
                        "{name: some-name, namespace: ns, kind: Service, apiVersion: serving.knative.dev/v1}",
                        "invalid name \"notallowed.svc.cluster.local\": must not be a subdomain of cluster local "
                                + "domain \"cluster.local\": metadata.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void validatesOnCreate(String name, String metadata, String ref, String want) {
        assertThat(Admission.errors(dm(metadata, ref), Admission.create())).isEqualTo(want);
    }

    /** TestDomainMappingAnnotationUpdate. */
    static Stream<Arguments> annotationUpdates() {
        return Stream.of(
                Arguments.of("update creator annotation", U2, U1, "old",
                        "annotation value is immutable: metadata.annotations.serving.knative.dev/creator"),
                Arguments.of("update creator annotation with spec changes", U2, U1, "new",
                        "annotation value is immutable: metadata.annotations.serving.knative.dev/creator"),
                Arguments.of("update lastModifier annotation without spec changes", U1, U2, "old",
                        "invalid value: " + U2 + ": metadata.annotations.serving.knative.dev/lastModifier"),
                Arguments.of("update lastModifier annotation with spec changes", U1, U3, "new", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotationUpdates")
    void checksCreatorAndModifier(String name, String creator, String modifier, String refName, String want) {
        String ref = "{name: %s, namespace: ns, kind: Service, apiVersion: serving.knative.dev/v1}";
        DomainMapping prev = dm("{name: valid.example.com, namespace: ns, annotations: {serving.knative.dev/creator: "
                + U1 + ", serving.knative.dev/lastModifier: " + U1 + "}}", ref.formatted("old"));
        DomainMapping now = dm("{name: valid.example.com, namespace: ns, annotations: {serving.knative.dev/creator: "
                + creator + ", serving.knative.dev/lastModifier: " + modifier + "}}", ref.formatted(refName));
        assertThat(Admission.errors(now, Admission.update(prev))).isEqualTo(want);
    }
}
