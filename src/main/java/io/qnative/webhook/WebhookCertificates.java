package io.qnative.webhook;

import io.qnative.certs.CertificateIssuer;
import io.qnative.certs.CertificateBundle;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.config.QnativeConfig;
import io.qnative.config.QnativeConfig.ClientConfigMode;
import io.qnative.kube.RetryingExceptionHandler;
import io.qnative.webhook.WebhookServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.qnative.observability.StartupOrder;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The webhook's certificates, managed by every replica (Knative's {@code webhook/certificates} reconciler): every
 * {@code check-interval} it reads the Secret {@code webhook-certs}, creates it if absent, renews it when less than
 * a third of its lifetime is left (or it is unreadable, or lacks a name), keeps the webhook configurations'
 * caBundle equal to its {@code ca-cert.pem} and hands the certificate to the listener.
 *
 * <p>Replicas agree through the API server: creation is create-if-absent (on 409 AlreadyExists the winner's Secret
 * is used) and renewal an update carrying the Secret's resourceVersion (on 409 Conflict the winner's is used), so
 * exactly one new certificate results. A renewal first adds the new CA to the caBundles (next to the old CA, which
 * {@code ca-cert.pem} keeps until it expires), then writes the Secret, then serves it: a replica still serving the
 * old certificate stays trusted until its next check. An unreachable API server is logged once per outage and
 * retried at the next check; the listener opens with the first certificate.
 */
@ApplicationScoped
public class WebhookCertificates {

    private static final Logger LOG = Logger.getLogger(WebhookCertificates.class);

    private final KubernetesClient client;
    private final Settings settings;
    private final Consumer<CertificateBundle> listener;
    private final WebhookConfigurations configurations;
    private final Clock clock;
    private final RetryingExceptionHandler outage;
    private ScheduledExecutorService timer;
    private volatile CertificateBundle current;

    /**
     * What the certificates must look like.
     *
     * @param namespace the system namespace holding the Secret
     * @param secretName the Secret's name
     * @param dnsNames every DNS name of the serving certificate
     * @param ipAddresses every IP address of the serving certificate
     * @param validity lifetime of a new certificate
     * @param checkInterval time between checks
     * @param baseUrl the webhook's URL in URL mode, empty in service mode
     */
    public record Settings(String namespace, String secretName, List<String> dnsNames, List<String> ipAddresses,
            Duration validity, Duration checkInterval, Optional<String> baseUrl) {

        /** From the process configuration. */
        public static Settings from(QnativeConfig config) {
            QnativeConfig.Webhook w = config.webhook();
            String ns = config.systemNamespace();
            String svc = w.serviceName();
            List<String> dns = new ArrayList<>(List.of(svc, svc + "." + ns, svc + "." + ns + ".svc",
                    svc + "." + ns + ".svc.cluster.local"));
            w.extraDnsNames().ifPresent(dns::addAll);
            List<String> ips = w.extraIpAddresses().orElse(List.of());
            Optional<String> url = w.clientConfig() == ClientConfigMode.URL
                    ? Optional.of(w.url().orElse("https://127.0.0.1:" + w.port())) : Optional.empty();
            return new Settings(ns, w.secretName(), List.copyOf(dns), List.copyOf(ips), w.certificateValidity(),
                    w.checkInterval(), url);
        }
    }

    @Inject
    WebhookCertificates(KubernetesClient client, QnativeConfig config, WebhookServer server) {
        this(client, Settings.from(config), server, Clock.systemUTC());
    }

    /** Certificates for {@code settings}, handed to {@code listener} whenever they change. */
    public WebhookCertificates(KubernetesClient client, Settings settings, Consumer<CertificateBundle> listener,
            Clock clock) {
        this.client = client;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.configurations = new WebhookConfigurations(client, settings.baseUrl());
        String url = String.valueOf(client.getConfiguration().getMasterUrl());
        this.outage = new RetryingExceptionHandler("webhook certificates in Secret " + settings.namespace() + "/"
                + settings.secretName(), url, cause -> { });
    }

    /** Early (docs/memory-and-startup.md): its API round trips overlap the rest of startup. */
    void onStart(@Observes @Priority(StartupOrder.WEBHOOK_CERTIFICATES) StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Held by one check at a time. */
    private final Object checking = new Object();

    private static final long FIRST_RETRY_MILLIS = 500;
    private long retryMillis = FIRST_RETRY_MILLIS;

    /** Checks now and then every check interval, on a thread of its own. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qnative-webhook-certs");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, settings.checkInterval().toMillis());
        timer.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Stops checking. */
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** The certificates last served, or null before the first check succeeded. */
    public CertificateBundle current() {
        return current;
    }

    private void checkQuietly() {
        try {
            check();
            outage.recovered();
            retryMillis = FIRST_RETRY_MILLIS;
        } catch (KubernetesClientException e) {
            outage.retryAfterException(true, e);
            retrySoon();
        } catch (RuntimeException e) {
            LOG.errorf(e, "checking the webhook certificates failed; retrying in %s", settings.checkInterval());
            retrySoon();
        }
    }

    /**
     * A failed check is retried after 0.5 s, doubling up to the check interval, besides the periodic check: until
     * the first check succeeds the webhook does not listen, and the API server's calls to it fail.
     */
    private synchronized void retrySoon() {
        if (timer != null && retryMillis < settings.checkInterval().toMillis()) {
            timer.schedule(this::checkQuietly, retryMillis, TimeUnit.MILLISECONDS);
            retryMillis *= 2;
        }
    }

    /**
     * One check: ensures the Secret holds a certificate that need not be renewed, points the webhook
     * configurations at its CA and serves it. Public for tests.
     */
    public void check() {
        // a lock of its own, not this object's: stop() must not wait for an API call in flight
        synchronized (checking) {
            checkLocked();
        }
    }

    private void checkLocked() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Secret secret = ensureSecret();
            CertificateBundle bundle = CertificateBundle.fromSecretData(secret.getData()).orElseThrow();
            configurations.sync(bundle.caPem());
            // a replica reading the Secret just before another renewed it may have put the old caBundle back:
            // serve only once the Secret is unchanged since the caBundle was written
            Secret again = secrets().get();
            if (again != null && Objects.equals(resourceVersion(again), resourceVersion(secret))) {
                if (!bundle.equals(current)) {
                    listener.accept(bundle);
                    current = bundle;
                }
                return;
            }
        }
    }

    private Secret ensureSecret() {
        Secret secret = secrets().get();
        if (secret == null) {
            CertificateBundle fresh = issue();
            configurations.sync(fresh.caPem());
            Secret created = new SecretBuilder().withNewMetadata().withName(settings.secretName())
                    .withNamespace(settings.namespace())
                    .addToLabels(Map.of("app.kubernetes.io/name", "qnative", "app.kubernetes.io/component",
                            "webhook", "app.kubernetes.io/part-of", "knative-serving"))
                    .endMetadata().withType("Opaque").withData(fresh.toSecretData()).build();
            try {
                Secret stored = client.secrets().inNamespace(settings.namespace()).resource(created).create();
                LOG.infof("created the webhook certificates in Secret %s/%s, valid until %s", settings.namespace(),
                        settings.secretName(), fresh.notAfter());
                return stored;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                LOG.debugf("another replica created Secret %s first; using it", settings.secretName());
                return secrets().require();
            }
        }
        Optional<CertificateBundle> stored = CertificateBundle.fromSecretData(secret.getData());
        Optional<String> reason = stored.isEmpty() ? Optional.of("the Secret lacks "
                + CertificateBundle.CA_CERT + ", " + CertificateBundle.SERVER_CERT + " or "
                + CertificateBundle.SERVER_KEY)
                : stored.get().renewalReason(clock.instant(), settings.dnsNames(), settings.ipAddresses());
        if (reason.isEmpty()) {
            return secret;
        }
        CertificateBundle fresh = issue();
        if (stored.isPresent()) {
            fresh = fresh.trustingAlso(stored.get(), clock.instant());
        }
        configurations.sync(fresh.caPem());
        Secret renewed = new SecretBuilder(secret).withData(fresh.toSecretData()).build();
        try {
            Secret written = client.secrets().inNamespace(settings.namespace()).resource(renewed).update();
            LOG.infof("renewed the webhook certificates in Secret %s/%s (%s), valid until %s", settings.namespace(),
                    settings.secretName(), reason.get(), fresh.notAfter());
            return written;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            LOG.debugf("another replica renewed Secret %s first; using its certificates", settings.secretName());
            return secrets().require();
        }
    }

    private CertificateBundle issue() {
        return CertificateIssuer.issue(clock.instant(), settings.validity(), settings.dnsNames(),
                settings.ipAddresses());
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Secret> secrets() {
        return client.secrets().inNamespace(settings.namespace()).withName(settings.secretName());
    }

    private static String resourceVersion(Secret secret) {
        return secret.getMetadata() == null ? null : secret.getMetadata().getResourceVersion();
    }
}
