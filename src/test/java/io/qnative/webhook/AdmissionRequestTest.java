package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AdmissionRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"42",
             "kind":{"group":"serving.knative.dev","version":"v1","kind":"Service"},
             "resource":{"group":"serving.knative.dev","version":"v1","resource":"services"},
             "subResource":"status","namespace":"ns","name":"hello","operation":"UPDATE",
             "userInfo":{"username":"alice","groups":["system:authenticated"]},
             "object":{"metadata":{"name":"hello"}},"oldObject":{"metadata":{"name":"hello"}},"dryRun":true,
             "options":{"apiVersion":"meta.k8s.io/v1","kind":"UpdateOptions"}}}""";

    @Test
    void decodesTheFieldsTheWebhookUses() throws Exception {
        AdmissionRequest r = AdmissionRequest.parse(MAPPER, REVIEW.getBytes(StandardCharsets.UTF_8));
        assertThat(r.uid()).isEqualTo("42");
        assertThat(r.gvk()).isEqualTo("serving.knative.dev/v1, Kind=Service");
        assertThat(r.subResource()).isEqualTo("status");
        assertThat(r.namespace()).isEqualTo("ns");
        assertThat(r.name()).isEqualTo("hello");
        assertThat(r.operation()).isEqualTo("UPDATE");
        assertThat(r.username()).isEqualTo("alice");
        assertThat(r.object().path("metadata").path("name").asText()).isEqualTo("hello");
        assertThat(r.oldObject().isObject()).isTrue();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.isCreateOrUpdate()).isTrue();
    }

    @Test
    void aDeleteHasNoObject() throws Exception {
        AdmissionRequest r = AdmissionRequest.parse(MAPPER, ("{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\",\"kind\":{\"group\":\"\",\"version\":\"v1\","
                + "\"kind\":\"ConfigMap\"},\"operation\":\"DELETE\",\"object\":null}}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.object().isMissingNode()).isTrue();
        assertThat(r.isCreateOrUpdate()).isFalse();
        assertThat(r.gvk()).isEqualTo("v1, Kind=ConfigMap");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|the body is not JSON",
        "[1,2]|not a JSON object",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}|expected apiVersion admission.k8s.io/v1",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}|no request",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}|request.uid is missing",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":7}}|request.uid",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\"}}|operation",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\","
                + "\"operation\":\"CREATE\",\"kind\":\"Service\"}}|request.kind",
        "{\"apiVersion\":\"admission.k8s.io/v1\"|the body is not JSON"})
    void malformedReviewsAreRefusedWithAClearMessage(String body, String phrase) {
        assertThatThrownBy(() -> AdmissionRequest.parse(MAPPER, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class).hasMessageStartingWith("malformed AdmissionReview: ")
                .hasMessageContaining(phrase);
    }
}
