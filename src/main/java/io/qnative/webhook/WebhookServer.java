package io.qnative.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.certs.CertificateBundle;
import io.qnative.config.ConfigStore;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.QnativeConfig;
import io.qnative.observability.StartupOrder;
import io.qnative.observability.Uptime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The admission webhook's HTTPS listener: Knative's webhook endpoints on port 9443, served by a Vert.x server of
 * its own (not Quarkus's HTTP server) so that its certificate comes from the {@code webhook-certs} Secret and is
 * swapped in place through a {@link RotatingKeyManager} when {@link io.qnative.webhook.WebhookCertificates} rotates
 * it: no restart, the next handshake gets the new certificate, connections in flight keep theirs. The listener opens when the first certificate is known.
 *
 * <p>Handlers run on the event loop: they never block (the configuration is an in-memory snapshot, the rules are
 * pure); only the {@link ValidationCallbacks} of a dry-run request, which ask the API server, run on a worker.
 * A body that is not an AdmissionReview is answered with 400, one over {@code max-body-bytes} with 413; any
 * other failure becomes a denial in the AdmissionReview, never a 500.
 */
@ApplicationScoped
public class WebhookServer implements Consumer<CertificateBundle> {

    private static final Logger LOG = Logger.getLogger(WebhookServer.class);

    /** The endpoint paths (Knative's). */
    public static final String DEFAULTING = "/defaulting";
    public static final String RESOURCE_VALIDATION = "/resource-validation";
    public static final String CONFIG_VALIDATION = "/config-validation";

    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final int maxBodyBytes;
    private final Supplier<ConfigSnapshot> config;
    private final ObjectMapper mapper;
    private final AdmissionRequest.Parser typed;
    private final AdmissionRequest.Parser untyped;
    private final ResourceAdmission resources;
    private final ConfigAdmission configMaps;
    private final ValidationCallbacks callbacks;
    private final PodDryRun dryRun;
    private final RotatingKeyManager keys = new RotatingKeyManager();
    private final Map<String, LongAdder> answered = Map.of(DEFAULTING, new LongAdder(), RESOURCE_VALIDATION,
            new LongAdder(), CONFIG_VALIDATION, new LongAdder());
    private final String systemNamespace;
    private volatile boolean warm;
    private HttpServer server;
    private CertificateBundle serving;

    @Inject
    WebhookServer(Vertx vertx, QnativeConfig config, ConfigStore store, KubernetesClient client) {
        this(vertx, config.webhook().host(), config.webhook().port(), config.webhook().maxBodyBytes(),
                store::current, config.systemNamespace(), Kinds.SERVING,
                new ClientPodDryRun(client, config.webhook().dryRunTimeout()));
    }

    /**
     * A server for tests: {@code port} 0 picks a free port; {@code dryRun} answers the validation callbacks of
     * dry-run requests.
     */
    public WebhookServer(Vertx vertx, String host, int port, int maxBodyBytes, Supplier<ConfigSnapshot> config,
            String systemNamespace, Kinds kinds, PodDryRun dryRun) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
        this.config = config;
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.typed = new AdmissionRequest.Parser(mapper, kinds);
        this.untyped = new AdmissionRequest.Parser(mapper, null);
        this.resources = new ResourceAdmission(mapper, kinds);
        this.configMaps = new ConfigAdmission(systemNamespace);
        this.systemNamespace = systemNamespace;
        this.callbacks = new ValidationCallbacks(dryRun);
        this.dryRun = dryRun;
    }

    /**
     * Serves {@code bundle}'s certificate: opens the listener the first time, afterwards swaps the certificate of
     * the running listener. Blocks until done; call it off the event loop.
     */
    @Override
    public synchronized void accept(CertificateBundle bundle) {
        if (bundle.equals(serving)) {
            return;
        }
        try {
            keys.use(bundle);
            if (server == null) {
                HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
                        .setKeyCertOptions(KeyCertOptions.wrap(keys)).setIdleTimeout(60).setTcpNoDelay(true)
                        // TLS records go through unpooled buffers: pooled ones would save two zeroed ~16 KB
                        // arrays per review (~4% of its CPU, bench/README.md), but netty's pooled heap arenas keep
                        // a 4 MiB chunk per event loop from the first review on, against the idle-memory budget
                        // (docs/memory-and-startup.md)
                        .setSslEngineOptions(new ChaChaFirstEngineOptions())
                        // reviews are not traced by Quarkus' Vert.x instrumentation (6.7% of the process's samples
                        // at 1,000 reviews/s, sampling off), and no WebSocket extension handler inspects every
                        // request and response head (as the gateway's listeners, GatewayListeners)
                        .setTracingPolicy(TracingPolicy.IGNORE).setPerMessageWebSocketCompressionSupported(false)
                        .setPerFrameWebSocketCompressionSupported(false);
                HttpServer created = vertx.createHttpServer(options).requestHandler(this::handle);
                created.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                server = created;
                LOG.infof("admission webhook listening on https://%s:%d (certificate valid until %s) (%s)", host,
                        server.actualPort(), bundle.notAfter(), Uptime.mark());
            } else {
                LOG.infof("admission webhook now serves a certificate valid until %s", bundle.notAfter());
            }
            serving = bundle;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve the webhook on " + host + ":" + port + ": " + e, e);
        }
    }

    /** The bound port, or -1 before the first certificate. */
    public synchronized int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    /** How many AdmissionReviews {@code path} has answered. */
    public long answered(String path) {
        LongAdder count = answered.get(path);
        return count == null ? 0 : count.sum();
    }

    /** The certificate being served, or null before the first one. */
    public synchronized CertificateBundle serving() {
        return serving;
    }

    void onStart(@Observes @Priority(StartupOrder.WEBHOOK_WARMUP) StartupEvent event) {
        Thread warmup = new Thread(this::warmUp, "qnative-webhook-warmup");
        warmup.setDaemon(true);
        warmup.start();
    }

    /**
     * Answers {@link AdmissionWarmup}'s reviews in-process, once: a new replica's first real reviews then find the
     * model classes and rules loaded instead of loading them while the API server waits (on a busy two-core node a
     * replacement pod's first reviews took seconds each). Never fails: a failure is logged and the replica serves
     * all the same.
     */
    public void warmUp() {
        long t0 = System.nanoTime();
        int answered = 0;
        try {
            for (AdmissionWarmup.Sample sample : AdmissionWarmup.samples(systemNamespace)) {
                AdmissionRequest review = (CONFIG_VALIDATION.equals(sample.path()) ? untyped : typed)
                        .parse(sample.body());
                admit(sample.path(), review).toReviewJson(review);
                answered++;
            }
            LOG.infof("admission rules loaded: %d reviews answered in-process in %d ms (%s)", answered,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Uptime.mark());
        } catch (MalformedReviewException | RuntimeException e) {
            LOG.warnf(e, "warming up the admission rules failed after %d reviews; the first reviews load them",
                    answered);
        } finally {
            warm = true;
        }
    }

    /** Whether {@link #warmUp()} has run (its reviews answered, or given up). */
    public boolean warm() {
        return warm;
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
        if (dryRun instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("closing the dry-run client failed: %s", e);
            }
        }
    }

    /** Closes the listener. */
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
            serving = null;
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (!DEFAULTING.equals(path) && !RESOURCE_VALIDATION.equals(path) && !CONFIG_VALIDATION.equals(path)) {
            reply(request, 404, "no admission webhook at " + path);
            return;
        }
        if (request.method() != HttpMethod.POST) {
            reply(request, 405, "admission webhooks take POST");
            return;
        }
        // an oversized body is drained (not stored) and then refused, so the client reads the 413 instead of a reset
        String length = request.getHeader("Content-Length");
        boolean[] refused = {length != null && tooLong(length)};
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (!refused[0] && body.length() + chunk.length() > maxBodyBytes) {
                refused[0] = true;
            }
            if (!refused[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debugf("webhook request from %s failed: %s", request.remoteAddress(), e));
        request.endHandler(v -> {
            if (refused[0]) {
                reply(request, 413, "request body larger than " + maxBodyBytes + " bytes");
            } else {
                answer(request, path, body);
            }
        });
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void answer(HttpServerRequest request, String path, Buffer body) {
        AdmissionRequest review;
        try {
            // the resource endpoints bind objects to their types as they read them; ConfigMaps stay JSON
            review = (CONFIG_VALIDATION.equals(path) ? untyped : typed).parse(body.getBytes());
        } catch (MalformedReviewException e) {
            reply(request, 400, e.getMessage());
            return;
        }
        AdmissionResponse response;
        try {
            response = admit(path, review);
        } catch (RuntimeException e) {
            LOG.warnf(e, "admission of %s %s/%s at %s failed", review.kind(), review.namespace(), review.name(), path);
            response = AdmissionResponse.deny("internal error: " + e);
        }
        if (RESOURCE_VALIDATION.equals(path) && response.allowed() && callbacks.applies(review)) {
            AdmissionResponse validated = response;
            // the callback waits for the API server: a worker thread, never the event loop
            vertx.executeBlocking(() -> callbacks.check(review, config.get()), false)
                    .onComplete(done -> respond(request, path, review, done.succeeded()
                            ? done.result().map(AdmissionResponse::deny).orElse(validated)
                            : AdmissionResponse.deny("validation callback failed: internal error: " + done.cause())));
            return;
        }
        respond(request, path, review, response);
    }

    private AdmissionResponse admit(String path, AdmissionRequest review) {
        return switch (path) {
            case DEFAULTING -> resources.defaulting(review, config.get());
            case RESOURCE_VALIDATION -> resources.validation(review, config.get());
            default -> configMaps.validation(review);
        };
    }

    private void respond(HttpServerRequest request, String path, AdmissionRequest review,
            AdmissionResponse response) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                .end(Buffer.buffer(response.toReviewJson(review)));
        answered.get(path).increment();
    }

    private static void reply(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain").end(message + "\n");
    }
}
