package io.qnative.reconciler.certificate;

import io.fabric8.kubernetes.api.model.Secret;
import io.qnative.api.duck.ConditionManager;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateStatus;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.ServingCertificate;
import io.qnative.kube.Children;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Kmeta;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in issuer ({@code qnative.certificate.networking.knative.dev}): keeps a Certificate's Secret holding a
 * certificate for exactly its DNS names signed by the built-in CA, issued when missing, renewed when due (or when
 * the names, the CA or the key no longer match), and put back when edited or deleted by hand; then marks it Ready
 * with {@code notAfter} and asks to be run again when renewal is due.
 */
final class BuiltInIssuer {

    /** Ready False reason of a Certificate that cannot be issued as written. */
    static final String INVALID_SPEC = "InvalidSpec";
    private static final Duration MIN_REQUEUE = Duration.ofSeconds(1);

    private final AuthorityStore authority;
    private final Lister<Secret> secrets;
    private final Children children;
    private final EventRecorder events;
    private final CertificateSettings settings;
    private final SecureRandom random;
    private final CertificateSpans spans;

    BuiltInIssuer(AuthorityStore authority, Lister<Secret> secrets, Children children, EventRecorder events,
            CertificateSettings settings, SecureRandom random, CertificateSpans spans) {
        this.authority = authority;
        this.secrets = secrets;
        this.children = children;
        this.events = events;
        this.settings = settings;
        this.random = random;
        this.spans = spans;
    }

    Result reconcile(Certificate cert, Instant now) throws Exception {
        CertificateStatus status = cert.getStatus();
        Optional<String> invalid = invalid(cert);
        if (invalid.isPresent()) {
            status.markFailed(INVALID_SPEC, invalid.get(), now);
            return Result.done();
        }
        CertificateAuthority ca = authority.ensure(cert, now);
        Secret live = secrets.get(cert.getMetadata().getNamespace(), cert.getSpec().getSecretName()).orElse(null);
        if (live != null && !Kmeta.isControlledBy(live, cert)) {
            status.markResourceNotOwned("Secret", live.getMetadata().getName(), now);
            return Result.done();
        }
        ServingCertificate serving = current(cert, live, ca, now).orElse(null);
        if (serving == null) {
            serving = issue(cert, live, ca, now);
        } else {
            repair(cert, live, serving);
        }
        status.setNotAfter(ConditionManager.format(serving.notAfter()));
        status.markReady(now);
        Duration untilRenewal = Duration.between(now, serving.renewAt(settings.renewBefore()));
        return Result.requeueAfter(untilRenewal.compareTo(MIN_REQUEUE) < 0 ? MIN_REQUEUE : untilRenewal);
    }

    /** What makes the spec impossible to issue, naming the field. */
    static Optional<String> invalid(Certificate cert) {
        if (cert.getSpec() == null || cert.getSpec().getSecretName() == null
                || cert.getSpec().getSecretName().isBlank()) {
            return Optional.of("spec.secretName must name the Secret to store the certificate in");
        }
        List<String> names = cert.getSpec().getDnsNames();
        if (names == null || names.isEmpty() || names.stream().anyMatch(n -> n == null || n.isBlank())) {
            return Optional.of("spec.dnsNames must list at least one DNS name, none empty");
        }
        return Optional.empty();
    }

    /** The Secret's certificate when it can be served as is, or empty (with the reason kept for the span). */
    private Optional<ServingCertificate> current(Certificate cert, Secret live, CertificateAuthority ca, Instant now) {
        if (live == null) {
            return Optional.empty();
        }
        try {
            ServingCertificate serving = ServingCertificate.fromPem(
                    CertificateSecrets.text(live, CertificateSecrets.TLS_CRT).orElse(null),
                    CertificateSecrets.text(live, CertificateSecrets.TLS_KEY).orElse(null));
            if (serving.renewalReason(ca, cert.getSpec().getDnsNames(), now, settings.renewBefore()).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new ServingCertificate(serving.certificatePem(), serving.privateKeyPem(),
                    ca.certificatePem(), serving.notBefore(), serving.notAfter()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ServingCertificate issue(Certificate cert, Secret live, CertificateAuthority ca, Instant now) {
        String why = live == null ? "no Secret " + cert.getSpec().getSecretName() : reason(cert, live, ca, now);
        CertificateSpans.Op op = spans.start(live == null ? CertificateSpans.ISSUE : CertificateSpans.RENEW, cert,
                AuthorityStore.ISSUER).reason(why);
        try {
            ServingCertificate serving = ca.issue(cert.getSpec().getDnsNames(), now, settings.validity(),
                    settings.keyAlgorithm(), random);
            Secret desired = CertificateSecrets.serving(cert, serving);
            if (live == null) {
                children.create(cert, desired);
            } else {
                write(cert, live, desired);
                events.normal(cert, "Renewed", "Renewed the certificate in Secret \"%s\": %s",
                        live.getMetadata().getName(), why);
            }
            op.done(live == null ? "issued" : "renewed");
            return serving;
        } catch (RuntimeException e) {
            op.failed(e);
            throw e;
        }
    }

    private String reason(Certificate cert, Secret live, CertificateAuthority ca, Instant now) {
        try {
            return ServingCertificate.fromPem(CertificateSecrets.text(live, CertificateSecrets.TLS_CRT).orElse(null),
                    CertificateSecrets.text(live, CertificateSecrets.TLS_KEY).orElse(null))
                    .renewalReason(ca, cert.getSpec().getDnsNames(), now, settings.renewBefore()).orElse("");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Puts back what was edited by hand on a Secret whose certificate is still good (CA bundle, type, label). */
    private void repair(Certificate cert, Secret live, ServingCertificate serving) {
        Secret desired = CertificateSecrets.serving(cert, serving);
        boolean labelled = live.getMetadata().getLabels() != null && live.getMetadata().getLabels().entrySet()
                .containsAll(desired.getMetadata().getLabels().entrySet());
        if (!labelled || !Objects.equals(live.getType(), desired.getType())
                || !Objects.equals(live.getData(), desired.getData())
                || (live.getStringData() != null && !live.getStringData().isEmpty())) {
            write(cert, live, desired);
        }
    }

    /** Writes {@code desired} over {@code live}; a Secret of another type (immutable) is deleted and recreated. */
    private void write(Certificate cert, Secret live, Secret desired) {
        if (!Objects.equals(live.getType(), desired.getType())) {
            children.delete(cert, live);
            children.create(cert, desired);
            return;
        }
        Secret copy = Kmeta.deepCopy(live, Secret.class);
        TreeMap<String, String> labels = new TreeMap<>(live.getMetadata().getLabels() == null ? java.util.Map.of()
                : live.getMetadata().getLabels());
        labels.putAll(desired.getMetadata().getLabels());
        copy.getMetadata().setLabels(labels);
        copy.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
        copy.setData(desired.getData());
        copy.setStringData(null);
        children.update(cert, copy);
    }
}
