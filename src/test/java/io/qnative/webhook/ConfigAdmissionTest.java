package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigAdmissionTest {

    private final ConfigAdmission admission = new ConfigAdmission("knative-serving");

    static String configMap(String name, String namespace, String data) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + namespace + "\"},\"data\":" + data + "}";
    }

    @Test
    void aBadValueIsRefusedWithTheKeyNamed() throws Exception {
        AdmissionResponse response = admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "UPDATE",
                configMap("config-autoscaler", "knative-serving", "{\"max-scale-up-rate\":\"0.5\"}"), "{}"));
        assertThat(response.allowed()).isFalse();
        assertThat(response.message()).startsWith("validation failed: config-autoscaler: ")
                .contains("\"max-scale-up-rate\" = \"0.5\"");
    }

    @Test
    void goodValuesOtherMapsAndOtherNamespacesPass() throws Exception {
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "CREATE",
                configMap("config-autoscaler", "knative-serving", "{\"max-scale-up-rate\":\"10\"}"), "null"))
                .allowed()).isTrue();
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "CREATE",
                configMap("config-autoscaler", "default", "{\"max-scale-up-rate\":\"0.5\"}"), "null"))
                .allowed()).isTrue();
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "CREATE",
                configMap("my-app-settings", "knative-serving", "{\"max-scale-up-rate\":\"0.5\"}"), "null"))
                .allowed()).isTrue();
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "DELETE", "null", "{}"))
                .allowed()).isTrue();
    }

    static String withChecksum(String checksum, String example) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"config-gc\",\"namespace\":"
                + "\"knative-serving\",\"annotations\":{\"knative.dev/example-checksum\":\"" + checksum + "\"}},"
                + "\"data\":{\"_example\":\"" + example + "\"}}";
    }

    @Test
    void anEditedExampleIsRefusedWhileTheChecksumAnnotationDisagrees() throws Exception {
        String shipped = "# min-non-active-revisions: \\\"20\\\"\\n";
        String checksum = ConfigAdmission.exampleChecksum("# min-non-active-revisions: \"20\"\n");
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "UPDATE",
                withChecksum(checksum, shipped), "{}")).allowed()).isTrue();
        AdmissionResponse edited = admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "UPDATE",
                withChecksum(checksum, "# min-non-active-revisions: \\\"5\\\"\\n"), "{}"));
        assertThat(edited.allowed()).isFalse();
        assertThat(edited.message()).isEqualTo("validation failed: the update modifies a key in \"_example\" which"
                + " is probably not what you want. Instead, copy the respective setting to the top-level of the"
                + " ConfigMap, directly below \"data\"");
        // an empty annotation turns the check off, as in Knative
        assertThat(admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "UPDATE",
                withChecksum("", "anything"), "{}")).allowed()).isTrue();
    }

    @Test
    void theChecksumIsKnativesCrc32OfTheTrimmedExample() {
        assertThat(ConfigAdmission.exampleChecksum("  hello\n")).isEqualTo("3610a686");
    }

    @Test
    void nonStringDataIsRefused() throws Exception {
        AdmissionResponse response = admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "CREATE",
                configMap("config-defaults", "knative-serving", "{\"revision-timeout-seconds\":300}"), "null"));
        assertThat(response.allowed()).isFalse();
        assertThat(response.message()).contains("revision-timeout-seconds");
    }
}
