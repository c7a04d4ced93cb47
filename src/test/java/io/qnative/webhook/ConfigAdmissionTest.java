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

    @Test
    void nonStringDataIsRefused() throws Exception {
        AdmissionResponse response = admission.validation(ResourceAdmissionTest.request("", "ConfigMap", "CREATE",
                configMap("config-defaults", "knative-serving", "{\"revision-timeout-seconds\":300}"), "null"));
        assertThat(response.allowed()).isFalse();
        assertThat(response.message()).contains("revision-timeout-seconds");
    }
}
