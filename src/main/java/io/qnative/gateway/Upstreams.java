package io.qnative.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;

/**
 * The pooled clients one event loop's requests go to pods with. Each listener instance has its own, created on its
 * event loop, so a request, its pod connection and the response stay on one thread: Vert.x runs a pooled connection
 * on the loop that opened it, {@link PodConnections} opens a request's on the request's loop, and a connection shared
 * across loops costs two thread hops per request.
 *
 * @param http1 the HTTP/1.1 client (upgrades, HTTP/2 clients' requests to HTTP/1.1 pods)
 * @param h2c the h2c (prior knowledge) client
 * @param pods plain HTTP/1.x requests' connections to HTTP/1.1 pods (the others use {@code http1})
 */
record Upstreams(HttpClient http1, HttpClient h2c, PodConnections pods) {

    /** Closes both clients. */
    Future<Void> close() {
        pods.close();
        return Future.all(http1.close(), h2c.close()).mapEmpty();
    }
}
