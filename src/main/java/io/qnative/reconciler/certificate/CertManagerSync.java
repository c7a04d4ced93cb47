package io.qnative.reconciler.certificate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.api.certmanager.v1.CertManagerCertificate;
import io.qnative.api.certmanager.v1.CertManagerCertificateStatus;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateStatus;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.config.CertManagerConfig;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.certificate.resources.CertManagerCertificates;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cert-manager class ({@code cert-manager.certificate.networking.knative.dev}), as Knative's
 * {@code pkg/reconciler/certificate/certificate.go}: owns a cert-manager Certificate of Knative's mapping
 * ({@link CertManagerCertificates}) and mirrors its Ready condition and {@code notAfter}; {@code InProgress},
 * {@code Pending} and {@code TemporaryCertificate} are Unknown, any other False is False. The cert-manager object is
 * read from the API server, not an informer, so qnative runs where cert-manager's CRD is not installed; a
 * Certificate that is not Ready is read again every poll interval. While it is not Ready (or renewing) and its
 * issuer solves HTTP-01, the pending challenges are reported in {@code status.http01Challenges}
 * ({@link Http01Challenges}).
 */
final class CertManagerSync {

    static final String NO_CONDITION_REASON = "NoCertManagerCertCondition";
    static final String NO_CONDITION_MESSAGE = "The ready condition of Cert Manager Certificate does not exist.";
    static final String RENEWING = "Renewing";
    static final Set<String> NOT_READY_REASONS = Set.of("InProgress", "Pending", "TemporaryCertificate");
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    /** Reads a cert-manager Certificate; null when there is none. */
    @FunctionalInterface
    interface Reader {
        CertManagerCertificate get(String namespace, String name);

        /** Straight from the API server (a missing CRD reads as no Certificate; creating it then fails). */
        static Reader of(KubernetesClient client) {
            return (ns, name) -> client.resources(CertManagerCertificate.class).inNamespace(ns).withName(name).get();
        }
    }

    private final KubernetesClient client;
    private final Reader reader;
    private final Http01Challenges http01;
    private final EventRecorder events;
    private final CertificateSettings settings;
    private final CertificateSpans spans;

    CertManagerSync(KubernetesClient client, Reader reader, Http01Challenges http01, EventRecorder events,
            CertificateSettings settings, CertificateSpans spans) {
        this.client = client;
        this.reader = reader;
        this.http01 = http01;
        this.events = events;
        this.settings = settings;
        this.spans = spans;
    }

    Result reconcile(Certificate knCert, CertManagerConfig config, Instant now) {
        CertificateStatus status = knCert.getStatus();
        CertManagerCertificates.Made made = CertManagerCertificates.make(config, knCert);
        CertificateSpans.Op op = spans.start(CertificateSpans.CERT_MANAGER_SYNC, knCert,
                made.certificate() == null ? "cert-manager" : issuer(made.certificate()));
        try {
            if (made.certificate() == null) {
                status.markFailed(made.reason(), made.message(), now);
                op.reason(made.message()).done("failed");
                return Result.done();
            }
            CertManagerCertificate cmCert = apply(knCert, made.certificate());
            if (cmCert == null) {
                status.markResourceNotOwned("CertManagerCertificate", knCert.getMetadata().getName(), now);
                op.done("not-owned");
                return Result.done();
            }
            CertManagerCertificateStatus cmStatus = cmCert.getStatus();
            status.setNotAfter(cmStatus == null ? null : cmStatus.getNotAfter());
            Condition ready = cmStatus == null ? null : cmStatus.ready();
            String outcome = mirror(status, ready, cmStatus, now);
            if (!"ready".equals(outcome)) {
                // Knative's setHTTP01Challenges runs in every case but Ready without renewal; an issuer that is
                // not HTTP-01 leaves the list as it is.
                List<HTTP01Challenge> challenges = http01.of(cmCert);
                if (challenges != null) {
                    status.setHttp01Challenges(challenges);
                }
            }
            op.reason(ready == null ? NO_CONDITION_REASON : String.valueOf(ready.getReason())).done(outcome);
            return Result.requeueAfter("ready".equals(outcome) ? settings.certManagerResync()
                    : settings.certManagerPoll());
        } catch (RuntimeException e) {
            op.failed(e);
            throw e;
        }
    }

    /** Knative's status propagation; returns the span outcome. */
    private static String mirror(CertificateStatus status, Condition ready, CertManagerCertificateStatus cmStatus,
            Instant now) {
        if (ready == null) {
            status.markNotReady(NO_CONDITION_REASON, NO_CONDITION_MESSAGE, now);
            return "pending";
        }
        switch (String.valueOf(ready.getStatus())) {
            case Condition.TRUE -> {
                if (renewing(cmStatus, now)) {
                    status.manage(now).setCondition(
                            new Condition(RENEWING, Condition.TRUE, Condition.SEVERITY_INFO, null, null));
                    return "renewing";
                }
                status.manage(now).clearCondition(RENEWING);
                status.markReady(now);
                status.setHttp01Challenges(new ArrayList<>());
                return "ready";
            }
            case Condition.FALSE -> {
                if (NOT_READY_REASONS.contains(ready.getReason())) {
                    status.markNotReady(ready.getReason(), ready.getMessage(), now);
                    return "pending";
                }
                status.markFailed(ready.getReason(), ready.getMessage(), now);
                return "failed";
            }
            default -> {
                status.markNotReady(ready.getReason(), ready.getMessage(), now);
                return "pending";
            }
        }
    }

    /** cert-manager's renewal time has passed while the certificate is still Ready. */
    private static boolean renewing(CertManagerCertificateStatus cmStatus, Instant now) {
        if (cmStatus.getRenewalTime() == null) {
            return false;
        }
        try {
            return now.isAfter(Instant.parse(cmStatus.getRenewalTime()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Creates or corrects the cert-manager Certificate; null when another object controls it. */
    private CertManagerCertificate apply(Certificate knCert, CertManagerCertificate desired) {
        CertManagerCertificate live = reader.get(knCert.getMetadata().getNamespace(),
                desired.getMetadata().getName());
        if (live == null) {
            try {
                CertManagerCertificate created = client.resource(desired).create();
                events.normal(knCert, "Created", "Created Cert-Manager Certificate %s/%s",
                        desired.getMetadata().getNamespace(), desired.getMetadata().getName());
                return created;
            } catch (RuntimeException e) {
                events.warn(knCert, "CreationFailed", "Failed to create Cert-Manager Certificate %s/%s: %s",
                        desired.getMetadata().getNamespace(), desired.getMetadata().getName(),
                        CertificateReconciler.describe(e));
                throw e;
            }
        }
        if (!Kmeta.isControlledBy(live, knCert)) {
            return null;
        }
        if (Objects.equals(JSON.valueToTree(live.getSpec()), JSON.valueToTree(desired.getSpec()))) {
            return live;
        }
        CertManagerCertificate copy = Kmeta.deepCopy(live, CertManagerCertificate.class);
        copy.setSpec(desired.getSpec());
        try {
            CertManagerCertificate updated = client.resource(copy).update();
            events.normal(knCert, "Updated", "Updated Spec for Cert-Manager Certificate %s/%s",
                    desired.getMetadata().getNamespace(), desired.getMetadata().getName());
            return updated;
        } catch (RuntimeException e) {
            events.warn(knCert, "UpdateFailed", "Failed to update Cert-Manager Certificate %s/%s: %s",
                    desired.getMetadata().getNamespace(), desired.getMetadata().getName(),
                    CertificateReconciler.describe(e));
            throw e;
        }
    }

    private static String issuer(CertManagerCertificate cert) {
        var ref = cert.getSpec().getIssuerRef();
        return "cert-manager:" + (ref.getKind() == null || ref.getKind().isEmpty() ? "Issuer" : ref.getKind()) + "/"
                + ref.getName();
    }
}
