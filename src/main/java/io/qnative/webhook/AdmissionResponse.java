package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The webhook's answer to one request (knative.dev/pkg webhook/resourcesemantics): allowed, or denied with a
 * message; optionally a JSON patch
 * and warnings.
 *
 * @param allowed whether the request may proceed
 * @param message the denial message (empty when allowed)
 * @param patch the JSON patch of a mutating answer, if any
 * @param warnings warnings shown to the client, never blocking
 */
public record AdmissionResponse(boolean allowed, String message, Optional<ArrayNode> patch, List<String> warnings) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();

    public AdmissionResponse {
        warnings = List.copyOf(warnings);
    }

    public static AdmissionResponse allow() {
        return new AdmissionResponse(true, "", Optional.empty(), List.of());
    }

    public static AdmissionResponse allow(List<String> warnings) {
        return new AdmissionResponse(true, "", Optional.empty(), warnings);
    }

    public static AdmissionResponse patch(ArrayNode patch, List<String> warnings) {
        return new AdmissionResponse(true, "", Optional.of(patch), warnings);
    }

    public static AdmissionResponse deny(String message) {
        return new AdmissionResponse(false, message, Optional.empty(), List.of());
    }

    /** The AdmissionReview answering {@code request}: same apiVersion, {@code response.uid} = request uid. */
    public ObjectNode toReview(AdmissionRequest request) {
        ObjectNode review = NODES.objectNode().put("apiVersion", request.apiVersion()).put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response").put("uid", request.uid()).put("allowed", allowed);
        if (!allowed) {
            ObjectNode status = response.putObject("status");
            status.putObject("metadata");
            status.put("status", "Failure").put("reason", "BadRequest").put("code", 400).put("message", message);
        }
        patch.ifPresent(p -> response.put("patchType", "JSONPatch").put("patch",
                Base64.getEncoder().encodeToString(p.toString().getBytes(StandardCharsets.UTF_8))));
        if (!warnings.isEmpty()) {
            ArrayNode list = response.putArray("warnings");
            warnings.forEach(list::add);
        }
        return review;
    }

    /**
     * {@link #toReview} as the body of the HTTP answer: the same JSON written straight to bytes, without building
     * the tree first (the webhook answers every review with it).
     */
    public byte[] toReviewJson(AdmissionRequest request) {
        ByteArrayBuilder out = new ByteArrayBuilder(patch.isPresent() ? 1024 : 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("apiVersion", request.apiVersion());
            json.writeStringField("kind", "AdmissionReview");
            json.writeObjectFieldStart("response");
            json.writeStringField("uid", request.uid());
            json.writeBooleanField("allowed", allowed);
            if (!allowed) {
                json.writeObjectFieldStart("status");
                json.writeObjectFieldStart("metadata");
                json.writeEndObject();
                json.writeStringField("status", "Failure");
                json.writeStringField("reason", "BadRequest");
                json.writeNumberField("code", 400);
                json.writeStringField("message", message);
                json.writeEndObject();
            }
            if (patch.isPresent()) {
                json.writeStringField("patchType", "JSONPatch");
                json.writeStringField("patch", Base64.getEncoder().encodeToString(patch.get().toString()
                        .getBytes(StandardCharsets.UTF_8)));
            }
            if (!warnings.isEmpty()) {
                json.writeArrayFieldStart("warnings");
                for (String warning : warnings) {
                    json.writeString(warning);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: no I/O
        }
        return out.toByteArray();
    }

    /** The patch as JSON, for tests and logs. */
    public Optional<JsonNode> patchJson() {
        return patch.map(JsonNode.class::cast);
    }
}
