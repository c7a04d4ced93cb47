package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qnative.config.ConfigSnapshot;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdmissionWarmupTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Every warm-up review goes the whole way through the rules: read, allowed, answered. */
    @Test
    void everySampleIsReadAndAllowed() throws Exception {
        AdmissionRequest.Parser typed = new AdmissionRequest.Parser(MAPPER, Kinds.SERVING);
        AdmissionRequest.Parser untyped = new AdmissionRequest.Parser(MAPPER, null);
        ResourceAdmission resources = new ResourceAdmission(MAPPER, Kinds.SERVING);
        ConfigAdmission configMaps = new ConfigAdmission("knative-serving");
        List<AdmissionWarmup.Sample> samples = AdmissionWarmup.samples("knative-serving");
        assertThat(samples.stream().map(AdmissionWarmup.Sample::path).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(WebhookServer.DEFAULTING, WebhookServer.RESOURCE_VALIDATION,
                        WebhookServer.CONFIG_VALIDATION);
        for (AdmissionWarmup.Sample sample : samples) {
            boolean config = WebhookServer.CONFIG_VALIDATION.equals(sample.path());
            AdmissionRequest review = (config ? untyped : typed).parse(sample.body());
            AdmissionResponse response = switch (sample.path()) {
                case WebhookServer.DEFAULTING -> resources.defaulting(review, ConfigSnapshot.DEFAULT);
                case WebhookServer.RESOURCE_VALIDATION -> resources.validation(review, ConfigSnapshot.DEFAULT);
                default -> configMaps.validation(review);
            };
            String what = sample.path() + " " + review.operation() + " " + review.kind() + " " + review.name();
            assertThat(response.allowed()).as("%s: %s", what, response.message()).isTrue();
            assertThat(response.warnings()).as(what).isEmpty();
            assertThat(response.toReviewJson(review)).as(what).isNotEmpty();
        }
    }

    /** The server reports itself warm once it has answered them, which the webhook's readiness waits for. */
    @Test
    void theServerIsWarmAfterWarmingUp() {
        Vertx vertx = Vertx.vertx();
        try {
            WebhookServer server = new WebhookServer(vertx, "127.0.0.1", 0, 1 << 20, () -> ConfigSnapshot.DEFAULT,
                    "knative-serving", Kinds.SERVING, pod -> null);
            assertThat(server.warm()).isFalse();
            server.warmUp();
            assertThat(server.warm()).isTrue();
        } finally {
            vertx.close();
        }
    }
}
