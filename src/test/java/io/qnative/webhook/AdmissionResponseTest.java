package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionResponseTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theAnswersBytesAreTheReviewTreeForEveryKindOfAnswer() throws Exception {
        AdmissionRequest v1 = AdmissionRequest.parse(MAPPER, AdmissionRequestTest.REVIEW.getBytes(StandardCharsets.UTF_8));
        AdmissionRequest v1beta1 = AdmissionRequest.parse(MAPPER, AdmissionRequestTest.REVIEW
                .replace("admission.k8s.io/v1\"", "admission.k8s.io/v1beta1\"").getBytes(StandardCharsets.UTF_8));
        ArrayNode patch = (ArrayNode) MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/metadata/annotations\","
                + "\"value\":{\"serving.knative.dev/creator\":\"alice \\\"é\\\"\"}}]");
        List<AdmissionResponse> answers = List.of(AdmissionResponse.allow(),
                AdmissionResponse.allow(List.of("just a warning: metadata.name", "another \"quoted\"\nline: x")),
                AdmissionResponse.deny("validation failed: invalid value: \"x\"\tü: metadata.name\nmore details"),
                AdmissionResponse.patch(patch, List.of()), AdmissionResponse.patch(patch, List.of("w")));
        for (AdmissionRequest request : List.of(v1, v1beta1)) {
            for (AdmissionResponse answer : answers) {
                byte[] json = answer.toReviewJson(request);
                assertThat(MAPPER.readTree(json)).as("%s", answer).isEqualTo(answer.toReview(request));
                assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"apiVersion\":\""
                        + request.apiVersion() + "\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"42\"");
            }
        }
    }
}
