package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code request.object} or {@code request.oldObject} of an AdmissionReview, as read from the body once: absent,
 * bound to its API type while the review was parsed (when the review named a known kind before the object, as the
 * API server's encoding of {@code AdmissionRequest} does), or kept as the JSON's tokens, bound or read as a tree on
 * demand. Never converted twice: no tree is built for a kind that has a type (knative.dev/pkg
 * webhook/resourcesemantics decodes the raw object straight into its type).
 */
public final class ReviewObject {

    /** No object: absent, {@code null}, or not a JSON object. */
    static final ReviewObject ABSENT = new ReviewObject(null, null, null, null);

    private final ObjectMapper mapper;
    private final TokenBuffer tokens;
    private final Class<?> type;
    private final Object value;

    private ReviewObject(ObjectMapper mapper, TokenBuffer tokens, Class<?> type, Object value) {
        this.mapper = mapper;
        this.tokens = tokens;
        this.type = type;
        this.value = value;
    }

    /** The object's JSON tokens, bound or read later. */
    static ReviewObject tokens(ObjectMapper mapper, TokenBuffer tokens) {
        return new ReviewObject(mapper, tokens, null, null);
    }

    /** The object bound to {@code type} while the review was parsed. */
    static ReviewObject bound(ObjectMapper mapper, Class<?> type, Object value) {
        return new ReviewObject(mapper, null, type, value);
    }

    /** Whether the review has this object (a JSON object, not {@code null}). */
    public boolean isPresent() {
        return tokens != null || type != null;
    }

    /**
     * The object as {@code wanted}: the value bound while parsing (the same instance on every call: callers that
     * change it, as defaulting does, are the last to read it), or bound now from the kept tokens (a new instance).
     *
     * @throws Undecodable when absent or not readable as {@code type} (the message says why)
     */
    public <T> T as(Class<T> wanted) throws Undecodable {
        if (tokens == null && type == null) {
            throw new Undecodable(null);
        }
        if (type != null && wanted.isAssignableFrom(type)) {
            return wanted.cast(value);
        }
        if (tokens == null) {
            throw new IllegalStateException("the object was bound to " + type.getName() + ", not "
                    + wanted.getName());
        }
        try (JsonParser p = tokens.asParser()) {
            return mapper.readerFor(wanted).readValue(p);
        } catch (JsonProcessingException e) {
            throw new Undecodable(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new Undecodable(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // tokens in memory: no I/O
        }
    }

    /**
     * The object as a JSON tree ({@link MissingNode} when absent), for endpoints without a type (ConfigMaps) and
     * tests; only for an object kept as tokens.
     */
    public JsonNode tree() {
        if (tokens == null && type == null) {
            return MissingNode.getInstance();
        }
        if (tokens == null) {
            throw new IllegalStateException("the object was bound to " + type.getName() + ": no tree was kept");
        }
        try (JsonParser p = tokens.asParser()) {
            return mapper.readTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object that is absent ({@link #getMessage()} null) or cannot be read as the wanted type. */
    public static final class Undecodable extends Exception {

        private static final long serialVersionUID = 1L;

        Undecodable(String why) {
            super(why, null, false, false);
        }

        /** Whether there was no object at all. */
        public boolean absent() {
            return getMessage() == null;
        }
    }
}
