package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an admission.k8s.io/v1 {@code AdmissionReview.request} the webhook uses (knative.dev/pkg
 * webhook/resourcesemantics).
 *
 * <p>The body is read once, as a stream of tokens: no tree of the review is built. With {@link Kinds} ({@link Parser}), an object
 * of a known kind that follows {@code request.kind} and {@code request.operation} (the order of the API server's
 * encoding) is bound to its API type as it is read; one that comes first is kept as tokens and bound when asked
 * ({@link ReviewObject}). The objects of a DELETE or CONNECT are not kept: no endpoint reads them.
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
 * @param object the new object
 * @param oldObject the stored object on UPDATE
 * @param dryRun whether the request is a dry run
 */
public record AdmissionRequest(String apiVersion, String uid, String group, String version, String kind,
        String subResource, String namespace, String name, String operation, String username, ReviewObject object,
        ReviewObject oldObject, boolean dryRun) {

    private static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

    /** {@code group/version, Kind=kind}, as Kubernetes prints a GroupVersionKind. */
    public String gvk() {
        return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
    }

    /** True for CREATE and UPDATE, the operations the webhook checks. */
    public boolean isCreateOrUpdate() {
        return createOrUpdate(operation);
    }

    private static boolean createOrUpdate(String operation) {
        return "CREATE".equals(operation) || "UPDATE".equals(operation);
    }

    /**
     * Parses an HTTP body, keeping the objects as tokens.
     *
     * @throws MalformedReviewException when it is not JSON, not an AdmissionReview or lacks a request or uid
     */
    public static AdmissionRequest parse(ObjectMapper mapper, byte[] body) throws MalformedReviewException {
        return new Parser(mapper, null).parse(body);
    }

    /**
     * Parses reviews, binding the objects of {@code kinds} (null: none) to their types with one {@link ObjectReader}
     * per kind, made once. Thread-safe.
     */
    public static final class Parser {

        private final ObjectMapper mapper;
        private final Kinds kinds;
        private final Map<Class<?>, ObjectReader> readers = new HashMap<>();

        public Parser(ObjectMapper mapper, Kinds kinds) {
            this.mapper = mapper;
            this.kinds = kinds;
            if (kinds != null) {
                ObjectMapper binding = QuantityReader.on(mapper);
                kinds.types().forEach(type -> readers.put(type, binding.readerFor(type)));
            }
        }

        /**
         * Parses an HTTP body.
         *
         * @throws MalformedReviewException when it is not JSON, not an AdmissionReview or lacks a request or uid
         */
        public AdmissionRequest parse(byte[] body) throws MalformedReviewException {
            try {
                return new Reader(mapper, body, kinds, readers).read();
            } catch (Rebind r) {
                // an object of a known kind its type refused: read again keeping the tokens, so the error is
                // reported as the object's, when it is decoded, and a syntax error after it as the body's
                try {
                    return new Reader(mapper, body, null, Map.of()).read();
                } catch (Rebind never) {
                    throw new IllegalStateException("a read without kinds binds nothing", never);
                }
            }
        }
    }

    /** Reads one review; not thread-safe, one per body. */
    private static final class Reader {

        private final ObjectMapper mapper;
        private final byte[] body;
        private final Kinds kinds;
        private final Map<Class<?>, ObjectReader> readers;
        private String uid = "";
        private String operation = "";
        private String subResource = "";
        private String namespace = "";
        private String name = "";
        private String username = "";
        private boolean kindIsObject;
        private String group = "";
        private String version = "";
        private String kind = "";
        private boolean dryRun;
        private ReviewObject object = ReviewObject.ABSENT;
        private ReviewObject oldObject = ReviewObject.ABSENT;

        Reader(ObjectMapper mapper, byte[] body, Kinds kinds, Map<Class<?>, ObjectReader> readers) {
            this.mapper = mapper;
            this.body = body;
            this.kinds = kinds;
            this.readers = readers;
        }

        AdmissionRequest read() throws MalformedReviewException, Rebind {
            String apiVersion = "";
            String reviewKind = "";
            boolean isObject;
            boolean hasRequest = false;
            try (JsonParser p = mapper.createParser(body)) {
                JsonToken first = p.nextToken();
                isObject = first == JsonToken.START_OBJECT;
                if (!isObject) {
                    p.skipChildren(); // a syntax error in it still says "not JSON", as a tree parse would
                }
                while (isObject && p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "apiVersion" -> apiVersion = scalar(p, value);
                        case "kind" -> reviewKind = scalar(p, value);
                        case "request" -> {
                            hasRequest = value == JsonToken.START_OBJECT;
                            if (hasRequest) {
                                request(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new MalformedReviewException("malformed AdmissionReview: the body is not JSON: "
                        + firstLine(e.getOriginalMessage()));
            } catch (IOException e) {
                throw new MalformedReviewException("malformed AdmissionReview: the body is not JSON: "
                        + firstLine(e.getMessage()));
            }
            if (!isObject) {
                throw new MalformedReviewException("malformed AdmissionReview: the body is not a JSON object");
            }
            if (!API_VERSIONS.contains(apiVersion) || !"AdmissionReview".equals(reviewKind)) {
                throw new MalformedReviewException("malformed AdmissionReview: expected apiVersion"
                        + " admission.k8s.io/v1 and kind AdmissionReview, got apiVersion \"" + apiVersion
                        + "\" and kind \"" + reviewKind + "\"");
            }
            if (!hasRequest) {
                throw new MalformedReviewException("malformed AdmissionReview: no request");
            }
            if (uid.isEmpty()) {
                throw new MalformedReviewException("malformed AdmissionReview: request.uid is missing");
            }
            if (operation.isEmpty()) {
                throw new MalformedReviewException("malformed AdmissionReview: request.operation is missing");
            }
            if (!kindIsObject || kind.isEmpty() || version.isEmpty()) {
                throw new MalformedReviewException("malformed AdmissionReview: request.kind must give a version"
                        + " and a kind");
            }
            if (!createOrUpdate(operation)) {
                object = ReviewObject.ABSENT;
                oldObject = ReviewObject.ABSENT;
            }
            return new AdmissionRequest(apiVersion, uid, group, version, kind, subResource, namespace, name,
                    operation, username, object, oldObject, dryRun);
        }

        /** The fields of {@code request}; the parser is on its START_OBJECT. */
        private void request(JsonParser p) throws IOException, Rebind {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "uid" -> uid = string(p, value);
                    case "operation" -> operation = string(p, value);
                    case "subResource" -> subResource = string(p, value);
                    case "namespace" -> namespace = string(p, value);
                    case "name" -> name = string(p, value);
                    case "kind" -> kind(p, value);
                    case "userInfo" -> username = field(p, value, "username");
                    case "dryRun" -> dryRun = bool(p, value);
                    case "object" -> object = object(p, value);
                    case "oldObject" -> oldObject = object(p, value);
                    default -> p.skipChildren();
                }
            }
        }

        private void kind(JsonParser p, JsonToken value) throws IOException {
            kindIsObject = value == JsonToken.START_OBJECT;
            group = "";
            version = "";
            kind = "";
            if (!kindIsObject) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "group" -> group = string(p, v);
                    case "version" -> version = string(p, v);
                    case "kind" -> kind = string(p, v);
                    default -> p.skipChildren();
                }
            }
        }

        /**
         * One object: skipped unless a JSON object of a CREATE or UPDATE; bound to its type when the kind is already
         * known to have one; else its tokens kept.
         */
        private ReviewObject object(JsonParser p, JsonToken value) throws IOException, Rebind {
            if (value != JsonToken.START_OBJECT || !operation.isEmpty() && !createOrUpdate(operation)) {
                p.skipChildren();
                return ReviewObject.ABSENT;
            }
            Class<?> type = kinds == null || operation.isEmpty() || !kindIsObject ? null
                    : kinds.type(group, version, kind).orElse(null);
            if (type != null) {
                try {
                    return ReviewObject.bound(mapper, type, readers.get(type).readValue(p));
                } catch (IOException | RuntimeException e) {
                    throw new Rebind();
                }
            }
            TokenBuffer tokens = new TokenBuffer(p);
            tokens.copyCurrentStructure(p);
            return ReviewObject.tokens(mapper, tokens);
        }

        /** A string field's value; any other JSON value counts as absent (""). */
        private static String string(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            p.skipChildren();
            return "";
        }

        /** A scalar's text (a tree's {@code asText("")}): numbers and booleans as written, objects and null "". */
        private static String scalar(JsonParser p, JsonToken value) throws IOException {
            if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                return p.getText();
            }
            p.skipChildren();
            return "";
        }

        /** The string field {@code name} of an object value ("" when not an object or absent). */
        private static String field(JsonParser p, JsonToken value, String name) throws IOException {
            String found = "";
            if (value != JsonToken.START_OBJECT) {
                p.skipChildren();
                return found;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(p.currentName());
                JsonToken v = p.nextToken();
                if (wanted) {
                    found = string(p, v);
                } else {
                    p.skipChildren();
                }
            }
            return found;
        }

        /** A tree's {@code asBoolean(false)}: true, a non-zero integer or the string "true". */
        private static boolean bool(JsonParser p, JsonToken value) throws IOException {
            return switch (value) {
                case VALUE_TRUE -> true;
                case VALUE_NUMBER_INT -> p.getBigIntegerValue().signum() != 0;
                case VALUE_STRING -> "true".equals(p.getText().trim());
                default -> {
                    p.skipChildren();
                    yield false;
                }
            };
        }
    }

    /** The fast read's binding failed: read again without it. */
    private static final class Rebind extends Exception {

        private static final long serialVersionUID = 1L;

        Rebind() {
            super(null, null, false, false);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
