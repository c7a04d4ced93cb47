package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.config.QnativeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookCertificatesSettingsTest {

    static QnativeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(QnativeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()).withDefaultValues(values).build()
                .getConfigMapping(QnativeConfig.class);
    }

    @Test
    void defaultsNameTheServiceAndUseServiceMode() {
        WebhookCertificates.Settings settings = WebhookCertificates.Settings.from(config(Map.of()));
        assertThat(settings.namespace()).isEqualTo("knative-serving");
        assertThat(settings.secretName()).isEqualTo("webhook-certs");
        assertThat(settings.dnsNames()).containsExactly("webhook", "webhook.knative-serving",
                "webhook.knative-serving.svc", "webhook.knative-serving.svc.cluster.local");
        assertThat(settings.ipAddresses()).isEmpty();
        assertThat(settings.validity()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.baseUrl()).isEmpty();
    }

    @Test
    void localModeUsesTheUrlAndLoopbackAddress() {
        WebhookCertificates.Settings settings = WebhookCertificates.Settings.from(config(Map.of(
                "qnative.system-namespace", "qn", "qnative.webhook.client-config", "url", "qnative.webhook.port",
                "19443", "qnative.webhook.extra-ip-addresses", "127.0.0.1", "qnative.webhook.extra-dns-names",
                "localhost")));
        assertThat(settings.baseUrl()).isEqualTo(Optional.of("https://127.0.0.1:19443"));
        assertThat(settings.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(settings.dnsNames()).contains("webhook.qn.svc", "localhost");
    }
}
