package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookConfigurationsTest {

    static WebhookClientConfig shipped(String path) {
        WebhookClientConfig config = new WebhookClientConfig();
        config.setService(new ServiceReference("webhook", "knative-serving", path, 443));
        return config;
    }

    @Test
    void serviceModeSetsOnlyTheCaBundle() {
        WebhookConfigurations configurations = new WebhookConfigurations(null, Optional.empty());
        WebhookClientConfig fixed = configurations.fixed(shipped("/defaulting"), "Q0E=",
                WebhookConfigurations.DEFAULTING);
        assertThat(fixed.getCaBundle()).isEqualTo("Q0E=");
        assertThat(fixed.getService()).isEqualTo(shipped("/defaulting").getService());
        assertThat(fixed.getUrl()).isNull();
        assertThat(configurations.fixed(fixed, "Q0E=", WebhookConfigurations.DEFAULTING)).isSameAs(fixed);
    }

    @Test
    void urlModePointsAtTheProcessKeepingThePath() {
        WebhookConfigurations configurations = new WebhookConfigurations(null,
                Optional.of("https://127.0.0.1:9443/"));
        WebhookClientConfig fixed = configurations.fixed(shipped("/config-validation"), "Q0E=",
                WebhookConfigurations.CONFIG_VALIDATION);
        assertThat(fixed.getUrl()).isEqualTo("https://127.0.0.1:9443/config-validation");
        assertThat(fixed.getService()).isNull();
        assertThat(fixed.getCaBundle()).isEqualTo("Q0E=");
        // already pointed by URL (make run rewrites the install): the path comes from the configuration's name
        assertThat(configurations.fixed(fixed, "Q0E=", WebhookConfigurations.CONFIG_VALIDATION)).isSameAs(fixed);
        assertThat(configurations.fixed(new WebhookClientConfig(), "Q0E=", WebhookConfigurations.VALIDATION)
                .getUrl()).isEqualTo("https://127.0.0.1:9443/resource-validation");
    }
}
