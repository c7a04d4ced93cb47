package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.Set;

/**
 * The fields of an admission.k8s.io/v1 {@code AdmissionReview.request} the webhook uses (knative.dev/pkg
 * webhook/resourcesemantics).
 *
 * @param apiVersion the review's apiVersion, echoed in the response
 * @param uid the request's uid, echoed as {@code response.uid}
 * @param group the object's API group ({@code ""} for core)
 * @param version the object's API version
 * @param kind the object's kind
 * @param subResource {@code ""} or e.g. {@code status}
 * @param namespace the object's namespace
 * @param name the object's name (may be empty on CREATE with generateName)
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param username {@code userInfo.username}
 * @param object the new object, or a missing node
 * @param oldObject the stored object on UPDATE, or a missing node
 * @param dryRun whether the request is a dry run
 */
public record AdmissionRequest(String apiVersion, String uid, String group, String version, String kind,
        String subResource, String namespace, String name, String operation, String username, JsonNode object,
        JsonNode oldObject, boolean dryRun) {

    private static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

    /** {@code group/version, Kind=kind}, as Kubernetes prints a GroupVersionKind. */
    public String gvk() {
        return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
    }

    /** True for CREATE and UPDATE, the operations the webhook checks. */
    public boolean isCreateOrUpdate() {
        return "CREATE".equals(operation) || "UPDATE".equals(operation);
    }

    /**
     * Parses an HTTP body.
     *
     * @throws MalformedReviewException when it is not JSON, not an AdmissionReview or lacks a request or uid
     */
    public static AdmissionRequest parse(ObjectMapper mapper, byte[] body) throws MalformedReviewException {
        JsonNode review;
        try {
            review = mapper.readTree(body);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new MalformedReviewException("malformed AdmissionReview: the body is not JSON: " + firstLine(why));
        }
        if (review == null || !review.isObject()) {
            throw new MalformedReviewException("malformed AdmissionReview: the body is not a JSON object");
        }
        String apiVersion = review.path("apiVersion").asText("");
        String reviewKind = review.path("kind").asText("");
        if (!API_VERSIONS.contains(apiVersion) || !"AdmissionReview".equals(reviewKind)) {
            throw new MalformedReviewException("malformed AdmissionReview: expected apiVersion admission.k8s.io/v1"
                    + " and kind AdmissionReview, got apiVersion \"" + apiVersion + "\" and kind \"" + reviewKind
                    + "\"");
        }
        JsonNode request = review.path("request");
        if (!request.isObject()) {
            throw new MalformedReviewException("malformed AdmissionReview: no request");
        }
        String uid = text(request, "uid");
        if (uid.isEmpty()) {
            throw new MalformedReviewException("malformed AdmissionReview: request.uid is missing");
        }
        String operation = text(request, "operation");
        if (operation.isEmpty()) {
            throw new MalformedReviewException("malformed AdmissionReview: request.operation is missing");
        }
        JsonNode kind = request.path("kind");
        if (!kind.isObject() || text(kind, "kind").isEmpty() || text(kind, "version").isEmpty()) {
            throw new MalformedReviewException("malformed AdmissionReview: request.kind must give a version and"
                    + " a kind");
        }
        return new AdmissionRequest(apiVersion, uid, text(kind, "group"), text(kind, "version"), text(kind, "kind"),
                text(request, "subResource"), text(request, "namespace"), text(request, "name"), operation,
                text(request.path("userInfo"), "username"), objectOrMissing(request.get("object")),
                objectOrMissing(request.get("oldObject")), request.path("dryRun").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    private static JsonNode objectOrMissing(JsonNode node) {
        return node == null || node.isNull() ? MissingNode.getInstance() : node;
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
