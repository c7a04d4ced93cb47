package io.qnative.api.serving.v1beta1;

import static io.qnative.testing.Admission.create;
import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.serving.ServingKeys;
import io.qnative.testing.Admission;

/**
 * DomainMapping defaulting and validation (pkg/apis/serving/v1beta1/domainmapping_validation.go,
 * domainmapping_defaults.go).
 */
class DomainMappingAdmissionTest {

    private static DomainMapping dm(String metadata, String ref) {
        return yaml(DomainMapping.class, """
                apiVersion: serving.knative.dev/v1beta1
                kind: DomainMapping
                metadata: %s
                spec: {ref: %s}
                """.formatted(metadata, ref));
    }

    private static final String REF = "{name: s, kind: Service, apiVersion: serving.knative.dev/v1}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("valid", "{name: foo.example.com, namespace: ns}", REF, null),
                Arguments.of("trailing dot", "{name: 'foo.example.com.', namespace: ns}", REF, null),
                Arguments.of("generateName", "{name: foo.example.com, generateName: foo, namespace: ns}", REF,
                        "must not set the field(s): metadata.generateName"),
                Arguments.of("no name", "{namespace: ns}", REF, "invalid name \"\": name: Required value: metadata.name"),
                Arguments.of("one label", "{name: foo, namespace: ns}", REF, "invalid name \"foo\": name: Invalid "
                        + "value: \"foo\": should be a domain with at least two segments separated by dots: "
                        + "metadata.name"),
                Arguments.of("uppercase", "{name: Foo.com, namespace: ns}", REF, "invalid name \"Foo.com\": name: "
                        + "Invalid value: \"Foo.com\": a lowercase RFC 1123 subdomain must consist of lower case "
                        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'): metadata.name"),
                Arguments.of("cluster local", "{name: s.ns.svc.cluster.local, namespace: ns}", REF,
                        "invalid name \"s.ns.svc.cluster.local\": must not be a subdomain of cluster local domain "
                                + "\"cluster.local\": metadata.name"),
                Arguments.of("ref missing fields", "{name: a.b, namespace: ns}", "{group: serving.knative.dev}", """
                        missing field(s): spec.ref.apiVersion, spec.ref.kind, spec.ref.name
                        must not set the field(s): spec.ref.group"""),
                Arguments.of("ref other namespace", "{name: a.b, namespace: ns}",
                        "{name: s, kind: Service, apiVersion: serving.knative.dev/v1, namespace: other}",
                        "mismatched namespaces: spec.ref.namespace\nparent namespace: \"ns\" does not match ref: "
                                + "\"other\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, String metadata, String ref, String expected) {
        assertThat(errors(dm(metadata, ref), create())).isEqualTo(expected);
    }

    @Test
    void missingRef() {
        DomainMapping d = yaml(DomainMapping.class, """
                apiVersion: serving.knative.dev/v1beta1
                kind: DomainMapping
                metadata: {name: a.b, namespace: ns}
                spec: {}
                """);
        assertThat(errors(d, create())).isEqualTo("missing field(s): spec.ref.apiVersion, spec.ref.kind, "
                + "spec.ref.name");
    }

    @Test
    void defaultsRefNamespaceAndUser() {
        DomainMapping d = dm("{name: a.b, namespace: ns}", REF);
        d.setDefaults(create());
        assertThat(d).isEqualTo(dm("""
                {name: a.b, namespace: ns, annotations: {serving.knative.dev/creator: alice@example.com,
                 serving.knative.dev/lastModifier: alice@example.com}}""",
                "{name: s, kind: Service, apiVersion: serving.knative.dev/v1, namespace: ns}"));
        assertThat(errors(d, create())).isNull();
    }

    @Test
    void creatorImmutableOnUpdate() {
        DomainMapping old = dm("{name: a.b, namespace: ns}", REF);
        old.setDefaults(create());
        DomainMapping now = dm("{name: a.b, namespace: ns}", REF);
        now.setDefaults(create());
        now.getMetadata().getAnnotations().put(ServingKeys.CREATOR, "eve");
        assertThat(errors(now, Admission.update(old)))
                .isEqualTo("annotation value is immutable: metadata.annotations.serving.knative.dev/creator");
    }
}
