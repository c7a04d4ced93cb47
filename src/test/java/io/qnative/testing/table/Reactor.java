package io.qnative.testing.table;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Optional;

/**
 * Intercepts a request before the in-memory API store sees it, as a reactor of Knative's fake clientsets
 * ({@code WithReactors}): it answers the request itself (typically with a failure) or lets it through.
 */
@FunctionalInterface
public interface Reactor {

    /** The answer to {@code request}, or empty to let the store handle it. */
    Optional<MockResponse> react(Request request);

    /**
     * A request as a reactor sees it, in client-go's terms.
     *
     * @param verb        {@code get}, {@code list}, {@code create}, {@code update}, {@code patch} or {@code delete}
     * @param resource    the plural, e.g. {@code deployments}
     * @param subresource e.g. {@code status}, or empty
     * @param namespace   the namespace, or empty
     * @param name        the object's name, or empty for collections
     */
    record Request(String verb, String resource, String subresource, String namespace, String name) {
    }

    /**
     * Knative's {@code InduceFailure(verb, resource)}: every {@code verb} on {@code resource} (its subresources
     * included, so {@code update} also fails status updates) fails with HTTP 500 and the message
     * {@code inducing failure for <verb> <resource>}.
     */
    static Reactor induceFailure(String verb, String resource) {
        String message = "inducing failure for " + verb + " " + resource;
        return r -> r.verb().equals(verb) && r.resource().equals(resource)
                ? Optional.of(failure(500, "InternalError", message)) : Optional.empty();
    }

    /** Like {@link #induceFailure} but only for the status subresource ({@code update} of {@code <res>/status}). */
    static Reactor induceStatusFailure(String resource) {
        String message = "inducing failure for update " + resource;
        return r -> r.verb().equals("update") && r.resource().equals(resource) && r.subresource().equals("status")
                ? Optional.of(failure(500, "InternalError", message)) : Optional.empty();
    }

    /** A {@code Status} failure response as the API server writes it. */
    static MockResponse failure(int code, String reason, String message) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\""
                + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(json);
    }
}
