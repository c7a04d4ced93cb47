package io.qnative.api.serving.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;
import io.qnative.testing.UserInfoRows;

/**
 * Knative's DomainMapping defaulting tables (pkg/apis/serving/v1beta1/domainmapping_defaults_test.go) replayed
 * through {@code DomainMapping.setDefaults}, in Go's background context (qnative's reconcile context). Go's
 * {@code Ref} is a struct value, there even when the JSON has none: the rows give qnative an empty {@code ref: {}}
 * where Go's is all zero (an absent ref is left for validation to refuse).
 */
class DomainMappingDefaultingTableTest {

    static DomainMapping mapping(String metadata, String spec) {
        return Admission.yaml(DomainMapping.class, """
                apiVersion: serving.knative.dev/v1beta1
                kind: DomainMapping
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    /** TestDomainMappingDefaulting. */
    static Stream<Arguments> defaulting() {
        return Stream.of(
                Arguments.of("empty", "{}", "{ref: {}}", "{ref: {}}"),
                Arguments.of("empty ref namespace", "{namespace: some-namespace}", "{ref: {}}",
                        "{ref: {namespace: some-namespace}}"),
                Arguments.of("explicit ref namespace", "{namespace: some-namespace}",
                        "{ref: {namespace: explicit-namespace}}", "{ref: {namespace: explicit-namespace}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaulting")
    void defaultsDomainMappings(String name, String metadata, String in, String want) {
        DomainMapping got = mapping(metadata, in);
        got.setDefaults(AdmissionContext.reconcile(ConfigSnapshot.DEFAULT));
        assertThat(got).isEqualTo(mapping(metadata, want));
    }

    /** TestDomainMappingUserInfo. */
    static Stream<Arguments> userInfo() {
        String now = "{ref: {name: new}}";
        String old = "{ref: {name: old}}";
        return UserInfoRows.rows(now, old, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userInfo")
    void annotatesUserInfo(String name, String user, String thisMeta, String thisSpec, String prevMeta,
            String prevSpec, Map<String, String> want) {
        DomainMapping now = mapping(thisMeta, thisSpec);
        DomainMapping prev = prevMeta == null ? null : mapping(prevMeta, prevSpec);
        UserInfoRows.setDefaults(now, prev, user);
        assertThat(UserInfoRows.annotations(now.getMetadata())).isEqualTo(want);
    }
}
