package io.qnative.testing.nodeagent;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knative's {@code readiness} test image ({@code test/test_images/readiness/readiness.go}), the app of {@link
 * SampleImages#READINESS}: healthy from process start until a request to {@value #START_FAILING}, then its probe
 * paths fail for the rest of the process's life.
 *
 * <ul>
 *   <li>{@value #START_FAILING} (any method): the process turns unhealthy; answers {@code will now fail readiness}.
 *   <li>{@value #READINESS_PATH}: {@value #TEXT} while healthy, else {@code 500 not healthy}.
 *   <li>{@value #LIVENESS_PATH}: while healthy counts one liveness check and answers the count, else {@code 500 not
 *       healthy}.
 *   <li>{@value #LIVENESS_COUNTER_PATH}: the count of liveness checks answered by this process.
 *   <li>every other path: {@value #TEXT}.
 * </ul>
 *
 * <p>The state is the process's: {@link #processStarted()} (the node agent calls it at every start and restart of
 * the container) makes it healthy again with a count of 0, as a restarted Go process is.
 */
final class ReadinessImage implements Handler<HttpServerRequest> {

    /** Knative's {@code test.HelloWorldText}. */
    static final String TEXT = "Hello World! How about some tasty noodles?";
    static final String START_FAILING = "/start-failing";
    static final String READINESS_PATH = "/healthz/readiness";
    static final String LIVENESS_PATH = "/healthz/liveness";
    static final String LIVENESS_COUNTER_PATH = "/healthz/livenessCounter";

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger livenessChecks = new AtomicInteger();

    /** A new process: healthy, no liveness check counted. */
    void processStarted() {
        livenessChecks.set(0);
        healthy.set(true);
    }

    @Override
    public void handle(HttpServerRequest request) {
        switch (request.path()) {
            case START_FAILING -> {
                healthy.set(false);
                answer(request, 200, "will now fail readiness");
            }
            case READINESS_PATH -> {
                if (healthy.get()) {
                    answer(request, 200, TEXT);
                } else {
                    notHealthy(request);
                }
            }
            case LIVENESS_PATH -> {
                if (healthy.get()) {
                    answer(request, 200, String.valueOf(livenessChecks.incrementAndGet()));
                } else {
                    notHealthy(request);
                }
            }
            case LIVENESS_COUNTER_PATH -> answer(request, 200, String.valueOf(livenessChecks.get()));
            default -> answer(request, 200, TEXT);
        }
    }

    /** As Go's {@code http.Error}: the text and a newline. */
    private static void notHealthy(HttpServerRequest request) {
        answer(request, 500, "not healthy\n");
    }

    private static void answer(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(body);
    }
}
