package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One container of a pod as the node agent runs it: a "process" that is an HTTP server of a {@link
 * SampleImages} app on the pod IP and the container port, its readiness and liveness probers, its exits and
 * restarts.
 *
 * <p>Lifecycle: start → running (listening after the startup delay, unless never-ready or crashing) →
 * exit (crash on start, exit after n requests, port already taken, liveness probe failed) → waiting {@code CrashLoopBackOff} for
 * an exponential back-off → running again with {@code restartCount + 1}; or terminated for good when the
 * pod's restart policy says so. All transitions run on the pod's Vert.x context; {@link #status()} may be
 * read from any thread.
 */
final class ContainerProcess {

    private enum State {
        WAITING,
        RUNNING,
        TERMINATED
    }

    private final Vertx vertx;
    private final Context context;
    private final Prober prober;
    private final NodeAgentOptions options;
    private final String podIp;
    private final Container spec;
    private final int port;
    private final String restartPolicy;
    private final SampleImages.Behaviour behaviour;
    private final StandinApp app;
    private final Runnable onChange;
    /** The image pull before the first start (the pulled digest, empty when not pulled); null: no pull. */
    private final Function<String, Future<Optional<String>>> puller;

    // all guarded by this
    private State state = State.WAITING;
    /** The digest the image pull got ({@link ImagePuller}), or null for an image that is not pulled. */
    private String pulledDigest;
    private String waitingReason = "ContainerCreating";
    private String waitingMessage;
    private Instant startedAt;
    private String containerId;
    private int restartCount;
    private int exits;
    private ContainerStateTerminated lastExit;
    private ContainerStateTerminated previousExit;
    private boolean ready;
    private boolean stopped;
    private int generation;
    private HttpServer server;
    /** The last stopped server's close: a new run binds the port once it is done. */
    private Future<Void> closing = Future.succeededFuture();
    private long timer = -1;
    private long probeTimer = -1;
    private long livenessTimer = -1;
    private int livenessFailures;
    private int served;
    private int probeSuccesses;
    private int probeFailures;

    ContainerProcess(Vertx vertx, Context context, Prober prober, NodeAgentOptions options, String podIp,
            Container spec, Map<String, String> env, String restartPolicy, Runnable onChange) {
        this(vertx, context, prober, null, options, podIp, spec, env, restartPolicy, onChange);
    }

    /** With {@code puller}: the image is pulled first (null: never pulled). */
    ContainerProcess(Vertx vertx, Context context, Prober prober, Function<String, Future<Optional<String>>> puller,
            NodeAgentOptions options,
            String podIp, Container spec, Map<String, String> env, String restartPolicy, Runnable onChange) {
        this.puller = puller;
        this.vertx = vertx;
        this.context = context;
        this.prober = prober;
        this.options = options;
        this.podIp = podIp;
        this.spec = spec;
        this.port = containerPort(spec, env);
        this.restartPolicy = restartPolicy == null ? "Always" : restartPolicy;
        this.behaviour = SampleImages.Behaviour.fromEnv(env);
        this.app = SampleImages.handler(spec.getImage(), env, vertx);
        this.onChange = onChange;
    }

    /** The port the container listens on: its first containerPort, else env PORT, else 8080. */
    static int containerPort(Container spec, Map<String, String> env) {
        if (spec.getPorts() != null && !spec.getPorts().isEmpty() && spec.getPorts().get(0).getContainerPort() != null) {
            return spec.getPorts().get(0).getContainerPort();
        }
        try {
            return Integer.parseInt(env.getOrDefault("PORT", "8080").trim());
        } catch (NumberFormatException e) {
            return 8080;
        }
    }

    int port() {
        return port;
    }

    /** Pulls the image, then starts the process (asynchronously, on the pod's context). */
    void start() {
        context.runOnContext(v -> {
            if (puller == null) {
                launch();
            } else {
                pull(0);
            }
        });
    }

    /**
     * A kubelet's pull before the first start: on failure the container waits in {@code ErrImagePull}, then {@code
     * ImagePullBackOff} between retries (doubling from 1 s up to 10 s here; a kubelet's back-off goes to 5 min).
     */
    private void pull(int attempt) {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        puller.apply(spec.getImage()).onComplete(ar -> {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (ar.succeeded()) {
                    pulledDigest = ar.result().orElse(null);
                } else {
                    waitingReason = attempt == 0 ? "ErrImagePull" : "ImagePullBackOff";
                    waitingMessage = ar.cause().getMessage();
                    long backoffMs = Math.min(10_000L, 1000L << Math.min(attempt, 4));
                    timer = vertx.setTimer(backoffMs, id -> pull(attempt + 1));
                }
            }
            if (ar.succeeded()) {
                launch();
            } else {
                onChange.run();
            }
        });
    }

    /** Stops the process for good: no restart; completes when the server is closed. */
    Future<Void> stop() {
        return Future.future(promise -> context.runOnContext(v -> {
            HttpServer toClose;
            synchronized (this) {
                stopped = true;
                generation++;
                cancelTimers();
                ready = false;
                toClose = server;
                server = null;
            }
            (toClose == null ? Future.<Void>succeededFuture() : toClose.close()).onComplete(ar -> promise.complete());
        }));
    }

    /**
     * Kills the running process as a SIGKILL would (exit 137, every connection closed at once, requests in
     * flight lost); the restart policy then applies. Completes with the number of requests that were in flight.
     */
    Future<Integer> kill() {
        return Future.future(promise -> context.runOnContext(v -> {
            int gen;
            HttpServer toClose;
            synchronized (this) {
                gen = generation;
                toClose = server;
            }
            int lost = app.inFlight();
            exit(gen, 137, "killed");
            Future<Void> closed;
            synchronized (this) {
                closed = closing;
            }
            (toClose == null ? Future.<Void>succeededFuture() : closed).onComplete(ar -> promise.complete(lost));
        }));
    }

    /** The stand-in app (its in-flight counts). */
    StandinApp app() {
        return app;
    }

    private void launch() {
        int gen;
        synchronized (this) {
            if (stopped) {
                return;
            }
            gen = ++generation;
            state = State.RUNNING;
            startedAt = Instant.now();
            containerId = "containerd://" + randomHex();
            ready = false;
            served = 0;
            probeSuccesses = 0;
            probeFailures = 0;
            app.processStarted();
            if (behaviour.crashExitCode() != null) {
                timer = vertx.setTimer(50, id -> exit(gen, behaviour.crashExitCode(), "crashed on start ("
                        + SampleImages.CRASH_ON_START + ")"));
            } else if (!behaviour.neverReady()) {
                if (behaviour.startupDelayMs() > 0) {
                    timer = vertx.setTimer(behaviour.startupDelayMs(), id -> listen(gen));
                } else {
                    listen(gen);
                }
            }
            livenessFailures = 0;
            if (spec.getLivenessProbe() != null) {
                long delay = Math.max(1, 1000L * Math.max(0, orZero(spec.getLivenessProbe().getInitialDelaySeconds())));
                livenessTimer = vertx.setTimer(delay, id -> liveness(gen));
            }
            if (spec.getReadinessProbe() != null) {
                long delay = Math.max(1, 1000L * Math.max(0, orZero(spec.getReadinessProbe().getInitialDelaySeconds())));
                probeTimer = vertx.setTimer(delay, id -> probe(gen));
            }
        }
        onChange.run();
    }

    private void listen(int gen) {
        // a killed process's port is free at once; a stopped server's only once its close completes, so the next
        // run waits for that (else it fails to bind, under load, and counts as one more crash)
        Future<Void> closed;
        synchronized (this) {
            closed = closing;
        }
        closed.onComplete(v -> bind(gen));
    }

    private void bind(int gen) {
        HttpServer candidate = vertx.createHttpServer(new HttpServerOptions().setHost(podIp).setPort(port));
        candidate.requestHandler(this::serve).listen().onComplete(ar -> {
            boolean current;
            synchronized (this) {
                current = gen == generation && ar.succeeded();
                if (current) {
                    server = candidate;
                    // without a probe a kubelet reports Ready at process start; here, once listening
                    ready = ready || spec.getReadinessProbe() == null;
                }
            }
            if (current && spec.getReadinessProbe() == null) {
                onChange.run();
            }
            if (ar.failed()) {
                exit(gen, 1, "listen " + podIp + ":" + port + ": " + ar.cause().getMessage());
            } else if (!current) {
                candidate.close();
            }
        });
    }

    private void serve(HttpServerRequest request) {
        int limit = behaviour.exitAfterRequests();
        if (limit > 0) {
            int gen;
            synchronized (this) {
                gen = generation;
            }
            request.response().endHandler(v -> {
                boolean last;
                synchronized (this) {
                    last = gen == generation && ++served == limit;
                }
                if (last) {
                    // let the response reach the client before the "process" goes away
                    vertx.setTimer(20, id -> exit(gen, behaviour.exitCode(), "exited after " + limit
                            + " requests (" + SampleImages.EXIT_AFTER_REQUESTS + ")"));
                }
            });
        }
        app.handle(request);
    }

    private void probe(int gen) {
        Probe probe = spec.getReadinessProbe();
        prober.probe(probe, podIp, spec, port).onComplete(ar -> {
            boolean changed = false;
            synchronized (this) {
                if (gen != generation || state != State.RUNNING) {
                    return;
                }
                boolean ok = ar.succeeded() && ar.result();
                probeSuccesses = ok ? probeSuccesses + 1 : 0;
                probeFailures = ok ? 0 : probeFailures + 1;
                if (!ready && probeSuccesses >= Prober.positiveOr(probe.getSuccessThreshold(), 1)) {
                    ready = true;
                    changed = true;
                } else if (ready && probeFailures >= Prober.positiveOr(probe.getFailureThreshold(), 3)) {
                    ready = false;
                    changed = true;
                }
                // fast until Ready (no queue-proxy probes aggressively here), then the pod's own period
                long periodMs = 1000L * Prober.positiveOr(probe.getPeriodSeconds(), 10);
                if (!ready) {
                    periodMs = Math.min(periodMs, options.maxProbePeriod().toMillis());
                }
                probeTimer = vertx.setTimer(Math.max(10, periodMs), id -> probe(gen));
            }
            if (changed) {
                onChange.run();
            }
        });
    }

    /** A failing liveness probe gets the container killed (exit 137) and restarted, as a kubelet does. */
    private void liveness(int gen) {
        Probe probe = spec.getLivenessProbe();
        prober.probe(probe, podIp, spec, port).onComplete(ar -> {
            boolean kill;
            synchronized (this) {
                if (gen != generation || state != State.RUNNING) {
                    return;
                }
                livenessFailures = ar.succeeded() && ar.result() ? 0 : livenessFailures + 1;
                kill = livenessFailures >= Prober.positiveOr(probe.getFailureThreshold(), 3);
                if (!kill) {
                    long periodMs = 1000L * Prober.positiveOr(probe.getPeriodSeconds(), 10);
                    livenessTimer = vertx.setTimer(periodMs, id -> liveness(gen));
                }
            }
            if (kill) {
                exit(gen, 137, "Container " + spec.getName() + " failed liveness probe, will be restarted");
            }
        });
    }

    private void exit(int gen, int exitCode, String message) {
        HttpServer toClose;
        synchronized (this) {
            if (gen != generation || state != State.RUNNING) {
                return;
            }
            generation++;
            cancelTimers();
            toClose = server;
            server = null;
            if (toClose != null) {
                closing = toClose.close();
            }
            ready = false;
            exits++;
            previousExit = lastExit;
            lastExit = new ContainerStateTerminatedBuilder().withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
                    .withStartedAt(PodStatuses.time(startedAt)).withFinishedAt(PodStatuses.time(Instant.now()))
                    .withContainerID(containerId).build();
            boolean restart = "Always".equals(restartPolicy) || ("OnFailure".equals(restartPolicy) && exitCode != 0);
            if (restart && !stopped) {
                Duration backoff = backoff(exits);
                state = State.WAITING;
                waitingReason = "CrashLoopBackOff";
                waitingMessage = "back-off " + backoff.toMillis() + "ms restarting failed container="
                        + spec.getName();
                timer = vertx.setTimer(backoff.toMillis(), id -> {
                    synchronized (this) {
                        restartCount++;
                    }
                    launch();
                });
            } else {
                state = State.TERMINATED;
            }
        }
        onChange.run();
    }

    private Duration backoff(int exitCount) {
        long base = options.crashLoopBackoff().toMillis();
        long millis = base << Math.min(20, exitCount - 1);
        return Duration.ofMillis(Math.min(millis, options.maxCrashLoopBackoff().toMillis()));
    }

    private void cancelTimers() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (probeTimer >= 0) {
            vertx.cancelTimer(probeTimer);
            probeTimer = -1;
        }
        if (livenessTimer >= 0) {
            vertx.cancelTimer(livenessTimer);
            livenessTimer = -1;
        }
    }

    /** True while the container runs or waits to be restarted (the pod is still Running). */
    synchronized boolean alive() {
        return state != State.TERMINATED;
    }

    /** True when the container terminated for good with exit code 0. */
    synchronized boolean succeeded() {
        return state == State.TERMINATED && lastExit != null && lastExit.getExitCode() == 0;
    }

    /** The container's status as a kubelet would report it. */
    synchronized ContainerStatus status() {
        ContainerStateBuilder current = new ContainerStateBuilder();
        ContainerStateTerminated last = null;
        switch (state) {
            case RUNNING -> {
                current.withNewRunning().withStartedAt(PodStatuses.time(startedAt)).endRunning();
                last = lastExit;
            }
            case WAITING -> {
                current.withNewWaiting().withReason(waitingReason).withMessage(waitingMessage).endWaiting();
                last = lastExit;
            }
            case TERMINATED -> {
                current.withTerminated(lastExit);
                last = previousExit;
            }
        }
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName(spec.getName())
                .withImage(spec.getImage()).withImageID(pulledDigest != null
                        ? "docker-pullable://" + SampleImages.repository(spec.getImage()) + "@" + pulledDigest
                        : imageId(spec.getImage()))
                .withContainerID(state == State.WAITING ? null : containerId).withReady(ready)
                .withStarted(state == State.RUNNING).withRestartCount(restartCount).withState(current.build());
        if (last != null) {
            status.withNewLastState().withTerminated(last).endLastState();
        } else {
            status.withNewLastState().endLastState();
        }
        return status.build();
    }

    /** {@code docker-pullable://<repository>@sha256:<digest>}; a made-up digest (sha256 of the reference) for tags. */
    static String imageId(String image) {
        if (image != null && image.contains("@sha256:")) {
            return "docker-pullable://" + image;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(image)
                    .getBytes(StandardCharsets.UTF_8));
            return "docker-pullable://" + SampleImages.repository(image) + "@sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
