package io.qnative.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The apimachinery name checks and their exact messages. */
class K8sNamesTest {

    @Test
    void dns1035() {
        assertThat(K8sNames.dns1035Label("my-name")).isEmpty();
        assertThat(K8sNames.dns1035Label("1abc")).hasSize(1);
        assertThat(K8sNames.nameIsDns1035Label("abc-", true)).isEmpty();
        assertThat(K8sNames.nameIsDns1035Label("abc-", false)).hasSize(1);
        assertThat(K8sNames.dns1035Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void dns1123() {
        assertThat(K8sNames.dns1123Label("123-abc")).isEmpty();
        assertThat(K8sNames.dns1123Label("Abc")).containsExactly("a lowercase RFC 1123 label must consist of lower "
                + "case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(K8sNames.dns1123Subdomain("a.b-c.d")).isEmpty();
        assertThat(K8sNames.dns1123Subdomain("a..b")).hasSize(1);
    }

    @Test
    void qualifiedNames() {
        assertThat(K8sNames.qualifiedName("example.com/My_Name.1")).isEmpty();
        assertThat(K8sNames.qualifiedName("/x")).containsExactly("prefix part must be non-empty");
        assertThat(K8sNames.qualifiedName("Bad_/x")).hasSize(1).allMatch(m -> m.startsWith("prefix part a lowercase"));
        assertThat(K8sNames.qualifiedName("-x")).hasSize(1).allMatch(m -> m.startsWith("name part must consist"));
        assertThat(K8sNames.qualifiedName("x".repeat(64))).hasSize(1)
                .containsExactly("name part must be no more than 63 characters");
    }

    @Test
    void fullyQualifiedDomainNames() {
        assertThat(K8sNames.fullyQualifiedDomainName("name", "a.example.com.")).isEmpty();
        assertThat(K8sNames.fullyQualifiedDomainName("name", "")).isEqualTo("name: Required value");
        assertThat(K8sNames.fullyQualifiedDomainName("name", "localhost")).isEqualTo("name: Invalid value: "
                + "\"localhost\": should be a domain with at least two segments separated by dots");
    }
}
