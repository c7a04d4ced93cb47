package io.qnative.reconciler.certificate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.certs.CertificateAuthority;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Kmeta;
import io.qnative.kube.Lister;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in CA as the cluster keeps it: its key pair in a Secret of the system namespace and its certificate in
 * a ConfigMap next to it for clients to trust (docs/certificates.md). Created once, however many replicas race:
 * a create that meets 409 AlreadyExists reads the winner's Secret from the API server, and a replacement (the CA
 * unreadable or expiring) is an update carrying the read resourceVersion, so on 409 Conflict the winner's CA is
 * used. Every serving certificate signed by another CA is renewed by its Certificate's next reconcile.
 */
final class AuthorityStore {

    /** The issuer attribute of the built-in CA's spans. */
    static final String ISSUER = "qnative-ca";

    private final KubernetesClient client;
    private final Lister<Secret> secrets;
    private final Lister<ConfigMap> configMaps;
    private final EventRecorder events;
    private final CertificateSettings settings;
    private final SecureRandom random;
    private final CertificateSpans spans;

    AuthorityStore(KubernetesClient client, Lister<Secret> secrets, Lister<ConfigMap> configMaps,
            EventRecorder events, CertificateSettings settings, SecureRandom random, CertificateSpans spans) {
        this.client = client;
        this.secrets = secrets;
        this.configMaps = configMaps;
        this.events = events;
        this.settings = settings;
        this.random = random;
        this.spans = spans;
    }

    /** The CA to sign with, created or replaced first when needed, and its ConfigMap kept current. */
    CertificateAuthority ensure(Certificate cause, Instant now) {
        CertificateAuthority ca = authority(cause, now);
        publish(ca);
        return ca;
    }

    private CertificateAuthority authority(Certificate cause, Instant now) {
        Optional<Secret> live = secrets.get(settings.systemNamespace(), settings.caSecretName());
        if (live.isEmpty()) {
            return create(cause, now);
        }
        String problem;
        try {
            CertificateAuthority ca = read(live.get());
            Optional<String> reason = ca.replacementReason(now, settings.renewBefore());
            if (reason.isEmpty()) {
                return ca;
            }
            problem = reason.get();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        return replace(cause, live.get(), problem, now);
    }

    private CertificateAuthority create(Certificate cause, Instant now) {
        CertificateSpans.Op op = spans.start(CertificateSpans.CA_CREATE, null, ISSUER);
        try {
            CertificateAuthority ca = newAuthority(now);
            try {
                client.resource(CertificateSecrets.authority(settings.systemNamespace(), settings.caSecretName(), ca))
                        .create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                op.done("exists");
                return fetch();
            }
            events.normal(cause, "CreatedCA", "Created the CA Secret %s/%s", settings.systemNamespace(),
                    settings.caSecretName());
            op.done("created");
            return ca;
        } catch (RuntimeException e) {
            op.failed(e);
            throw e;
        }
    }

    private CertificateAuthority replace(Certificate cause, Secret live, String problem, Instant now) {
        CertificateSpans.Op op = spans.start(CertificateSpans.CA_REPLACE, null, ISSUER).reason(problem);
        try {
            CertificateAuthority ca = newAuthority(now);
            Secret copy = Kmeta.deepCopy(live, Secret.class);
            copy.setData(CertificateSecrets.authority(settings.systemNamespace(), settings.caSecretName(), ca)
                    .getData());
            copy.setStringData(null);
            try {
                client.resource(copy).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                op.done("conflict");
                return fetch();
            }
            events.warn(cause, "ReplacedCA", "Replaced the CA in Secret %s/%s: %s", settings.systemNamespace(),
                    settings.caSecretName(), problem);
            op.done("replaced");
            return ca;
        } catch (RuntimeException e) {
            op.failed(e);
            throw e;
        }
    }

    /** The CA another writer just stored, read from the API server (the cache may not have it yet). */
    private CertificateAuthority fetch() {
        Secret winner = client.secrets().inNamespace(settings.systemNamespace()).withName(settings.caSecretName())
                .get();
        if (winner == null) {
            throw new IllegalStateException("the CA Secret " + settings.systemNamespace() + "/"
                    + settings.caSecretName() + " vanished while it was being created");
        }
        return read(winner);
    }

    /** Keeps the trust ConfigMap equal to the CA certificate (a create racing another replica is harmless). */
    private void publish(CertificateAuthority ca) {
        ConfigMap desired = CertificateSecrets.trustBundle(settings.systemNamespace(), settings.caConfigMapName(), ca);
        Optional<ConfigMap> live = configMaps.get(settings.systemNamespace(), settings.caConfigMapName());
        if (live.isEmpty()) {
            try {
                client.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
            return;
        }
        if (Objects.equals(live.get().getData(), desired.getData())) {
            return;
        }
        ConfigMap copy = Kmeta.deepCopy(live.get(), ConfigMap.class);
        copy.setData(desired.getData());
        client.resource(copy).update();
    }

    private CertificateAuthority newAuthority(Instant now) {
        return CertificateAuthority.create("qnative-ca." + settings.systemNamespace(), now, settings.caValidity(),
                settings.keyAlgorithm(), random);
    }

    private static CertificateAuthority read(Secret secret) {
        return CertificateAuthority.fromPem(CertificateSecrets.text(secret, CertificateSecrets.TLS_CRT).orElse(""),
                CertificateSecrets.text(secret, CertificateSecrets.TLS_KEY).orElse(""));
    }
}
