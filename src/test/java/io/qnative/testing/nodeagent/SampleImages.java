package io.qnative.testing.nodeagent;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stand-in containers: what an image "does" when the node agent runs it, chosen by image name (tag
 * and digest ignored).
 *
 * <ul>
 *   <li>{@value #HELLOWORLD} — and every image not recognised — answers every path with {@code Hello
 *       <TARGET>!\n} from the container's env {@code TARGET} (default {@code World}), like Knative's
 *       helloworld-go sample.
 *   <li>{@value #AUTOSCALE} — Knative's autoscale-go sample: {@code ?sleep=<ms>} waits (a timer, not a
 *       blocked event loop) and answers {@code Slept for <ms> milliseconds.}, {@code ?prime=<n>} sieves
 *       for the largest prime ≤ n and answers {@code The largest prime less than <n> is <p>.},
 *       {@code ?bloat=<MiB>} allocates that much memory, touches it, drops it and answers {@code
 *       Allocated <MiB> Mb of memory.}; parameters combine, a malformed number is a 400.
 *   <li>{@value #READINESS} — Knative's {@code readiness} test image ({@link ReadinessImage}): {@code
 *       /start-failing} makes its {@code /healthz/readiness} and {@code /healthz/liveness} fail until the container
 *       restarts.
 * </ul>
 *
 * <p>Every app also answers {@code GET /_standin/env} with the container's environment as a JSON object
 * ({@code PORT}, {@code K_SERVICE}, {@code K_CONFIGURATION}, {@code K_REVISION}, …) for runtime-contract
 * tests, and the other {@code /_standin/*} paths, WebSocket echo, gRPC echo and a per-request delay of {@link
 * StandinApp} for data-plane tests. Responses carry no headers beyond {@code content-type} and {@code
 * content-length}.
 *
 * <p>Behaviours for tests are selected by env vars on the container, whatever the image (see {@link
 * Behaviour}): {@value #STARTUP_DELAY_MS}, {@value #NEVER_READY}, {@value #CRASH_ON_START}, {@value
 * #EXIT_AFTER_REQUESTS} and {@value #EXIT_CODE}.
 */
public final class SampleImages {

    /** Knative's hello-world sample image. */
    public static final String HELLOWORLD = "gcr.io/knative-samples/helloworld-go";
    /** Knative's autoscaling sample image. */
    public static final String AUTOSCALE = "gcr.io/knative-samples/autoscale-go";
    /** Knative's {@code readiness} test image ({@code test/test_images/readiness}). */
    public static final String READINESS = "gcr.io/knative-tests/test-images/readiness";

    /** Milliseconds between "process start" and the server listening (slow start, cold-start tests). */
    public static final String STARTUP_DELAY_MS = "QNATIVE_STANDIN_STARTUP_DELAY_MS";
    /** {@code true}: the process runs but never listens, so no TCP or HTTP readiness probe ever passes. */
    public static final String NEVER_READY = "QNATIVE_STANDIN_NEVER_READY";
    /** An exit code: the process exits with it right after start (a broken revision, CrashLoopBackOff). */
    public static final String CRASH_ON_START = "QNATIVE_STANDIN_CRASH_ON_START";
    /** n: the process exits after answering its n-th request (the restart policy then restarts it). */
    public static final String EXIT_AFTER_REQUESTS = "QNATIVE_STANDIN_EXIT_AFTER_REQUESTS";
    /** Exit code used with {@value #EXIT_AFTER_REQUESTS}; default 1. */
    public static final String EXIT_CODE = "QNATIVE_STANDIN_EXIT_CODE";

    /** Path answered by every app with the container's environment. */
    public static final String ENV_PATH = "/_standin/env";

    /** Upper bound for {@code ?prime=} (a sieve of this size is 62 MiB of bits). */
    static final int MAX_PRIME = 500_000_000;

    /** The apps the agent can run. */
    public enum App {
        HELLOWORLD,
        AUTOSCALE,
        READINESS
    }

    /**
     * Test behaviours parsed from the container's env.
     *
     * @param startupDelayMs delay before the server listens
     * @param neverReady never listen
     * @param crashExitCode exit code to crash with at start, or null
     * @param exitAfterRequests exit after this many answered requests, 0 = never
     * @param exitCode exit code used with exitAfterRequests
     */
    public record Behaviour(long startupDelayMs, boolean neverReady, Integer crashExitCode, int exitAfterRequests,
            int exitCode) {

        /** Reads the {@code QNATIVE_STANDIN_*} variables; malformed values count as absent. */
        public static Behaviour fromEnv(Map<String, String> env) {
            return new Behaviour(
                    Math.max(0, longOr(env.get(STARTUP_DELAY_MS), 0)),
                    Boolean.parseBoolean(env.getOrDefault(NEVER_READY, "false").trim()),
                    env.containsKey(CRASH_ON_START) ? (int) longOr(env.get(CRASH_ON_START), 1) : null,
                    (int) Math.max(0, longOr(env.get(EXIT_AFTER_REQUESTS), 0)),
                    (int) longOr(env.get(EXIT_CODE), 1));
        }

        static long longOr(String value, long fallback) {
            try {
                return value == null ? fallback : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    private SampleImages() {
    }

    /**
     * The app for an image reference such as {@code gcr.io/knative-samples/autoscale-go:latest@sha256:…}: by the
     * repository's path, whatever the registry, so the samples published in the local cluster's registry ({@code
     * 127.0.0.1:5000/knative-samples/autoscale-go@sha256:…}, hack/registry/up.sh) run the same apps.
     */
    public static App appFor(String image) {
        String path = path(repository(image));
        if (path.equals(path(AUTOSCALE))) {
            return App.AUTOSCALE;
        }
        return path.equals(path(READINESS)) ? App.READINESS : App.HELLOWORLD;
    }

    /** The repository without its registry host: {@code knative-samples/autoscale-go}. */
    static String path(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return repository;
        }
        String first = repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? repository.substring(slash + 1) : repository;
    }

    /** The image reference without tag and digest. */
    static String repository(String image) {
        if (image == null) {
            return "";
        }
        String repo = image;
        int at = repo.indexOf('@');
        if (at >= 0) {
            repo = repo.substring(0, at);
        }
        int slash = repo.lastIndexOf('/');
        int colon = repo.lastIndexOf(':');
        if (colon > slash) {
            repo = repo.substring(0, colon);
        }
        return repo;
    }

    /** The request handler of {@code image}'s app with the container's {@code env}, inside {@link StandinApp}. */
    public static StandinApp handler(String image, Map<String, String> env, Vertx vertx) {
        if (appFor(image) == App.READINESS) {
            ReadinessImage readiness = new ReadinessImage();
            return new StandinApp(readiness, readiness::processStarted, env, vertx);
        }
        Handler<HttpServerRequest> app = appFor(image) == App.AUTOSCALE ? request -> autoscale(request, vertx)
                : helloworld(env.getOrDefault("TARGET", "World"));
        return new StandinApp(app, () -> { }, env, vertx);
    }

    private static Handler<HttpServerRequest> helloworld(String target) {
        String body = "Hello " + target + "!\n";
        return request -> request.response().putHeader("content-type", "text/plain; charset=utf-8").end(body);
    }

    private static void autoscale(HttpServerRequest request, Vertx vertx) {
        long sleepMs;
        long max;
        long mb;
        try {
            sleepMs = intParam(request, "sleep");
            max = intParam(request, "prime");
            mb = intParam(request, "bloat");
        } catch (IllegalArgumentException e) {
            request.response().setStatusCode(400).putHeader("content-type", "text/plain; charset=utf-8")
                    .end(e.getMessage() + "\n");
            return;
        }
        List<Future<String>> parts = new ArrayList<>();
        if (sleepMs > 0) {
            long start = System.nanoTime();
            parts.add(Future.future(promise -> vertx.setTimer(sleepMs, id -> promise.complete(String.format(
                    Locale.ROOT, "Slept for %.2f milliseconds.%n", (System.nanoTime() - start) / 1e6)))));
        }
        if (max > 0) {
            parts.add(vertx.executeBlocking(() -> primeAnswer(max), false));
        }
        if (mb > 0) {
            parts.add(vertx.executeBlocking(() -> bloat(mb), false));
        }
        Future.join(parts).onComplete(done -> {
            StringBuilder body = new StringBuilder();
            for (Future<String> part : parts) {
                body.append(part.succeeded() ? part.result() : part.cause() + "\n");
            }
            request.response().setStatusCode(done.succeeded() ? 200 : 500)
                    .putHeader("content-type", "text/plain; charset=utf-8").end(body.toString());
        });
    }

    private static long intParam(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || (name.equals("prime") && parsed > MAX_PRIME)) {
                throw new IllegalArgumentException("out of range: " + name + "=" + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + value + "\": invalid syntax", e);
        }
    }

    static String primeAnswer(long max) {
        long p = largestPrimeAtMost((int) max);
        return p < 2
                ? "There are no primes smaller than " + max + ".\n"
                : "The largest prime less than " + max + " is " + p + ".\n";
    }

    /** Sieve of Eratosthenes up to n: the largest prime ≤ n, or 0 when there is none. */
    static int largestPrimeAtMost(int n) {
        if (n < 2) {
            return 0;
        }
        BitSet composite = new BitSet(n + 1);
        for (long i = 2; i * i <= n; i++) {
            if (!composite.get((int) i)) {
                for (long j = i * i; j <= n; j += i) {
                    composite.set((int) j);
                }
            }
        }
        return composite.previousClearBit(n);
    }

    static String bloat(long mb) {
        byte[][] chunks = new byte[(int) mb][];
        for (int i = 0; i < mb; i++) {
            chunks[i] = new byte[1024 * 1024];
            chunks[i][0] = 1;
            chunks[i][chunks[i].length - 1] = 1;
        }
        return "Allocated " + chunks.length + " Mb of memory.\n";
    }
}
