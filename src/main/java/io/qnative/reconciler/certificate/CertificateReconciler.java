package io.qnative.reconciler.certificate;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Knative Certificate reconciler (docs/certificates.md) for the two classes qnative implements: its own built-in
 * CA ({@value NetworkingKeys#CERTIFICATE_CLASS_QNATIVE}, {@link BuiltInIssuer}) and cert-manager
 * ({@value NetworkingKeys#CERTIFICATE_CLASS_CERT_MANAGER}, {@link CertManagerSync}). The class is the
 * {@code networking.knative.dev/certificate.class} annotation, or config-network's {@code certificate-class} when
 * unset, as Knative's certificate controller filters. Certificates of other classes are never touched.
 */
public final class CertificateReconciler extends KindReconciler<Certificate> {

    /** Ready's reason when a reconcile failed before the certificate could be issued or followed. */
    static final String RECONCILE_FAILED = "ReconcileFailed";

    private final BuiltInIssuer builtIn;
    private final CertManagerSync certManager;

    CertificateReconciler(Lister<Certificate> lister, StatusUpdater statusUpdater, Clock clock,
            Supplier<ConfigSnapshot> config, BuiltInIssuer builtIn, CertManagerSync certManager) {
        super(Certificate.class, CertificateStatus::new, lister, config, statusUpdater, clock);
        this.builtIn = builtIn;
        this.certManager = certManager;
    }

    /** This reconciler behind the class filter: a Certificate of another class is left alone. */
    public Reconciler filtered() {
        return this::reconcileIfOurs;
    }

    private Result reconcileIfOurs(ObjectKey key) throws Exception {
        Optional<Certificate> cert = lister.get(key.namespace(), key.name());
        if (cert.isEmpty() || !isOurs(classOf(cert.get(), config.get().network().certificateClass()))) {
            return Result.done();
        }
        return reconcile(key);
    }

    /** The class of {@code cert}: its annotation (either spelling), else {@code defaultClass}. */
    static String classOf(Certificate cert, String defaultClass) {
        Map<String, String> a = cert.getMetadata().getAnnotations();
        String cls = a == null ? null : a.get(NetworkingKeys.CERTIFICATE_CLASS);
        if ((cls == null || cls.isEmpty()) && a != null) {
            cls = a.get(NetworkingKeys.CERTIFICATE_CLASS_ALT);
        }
        return cls == null || cls.isEmpty() ? defaultClass : cls;
    }

    static boolean isOurs(String certificateClass) {
        return NetworkingKeys.CERTIFICATE_CLASS_QNATIVE.equals(certificateClass)
                || NetworkingKeys.CERTIFICATE_CLASS_CERT_MANAGER.equals(certificateClass);
    }

    /** An API error's own message (not fabric8's request dump), else the exception's. */
    static String describe(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    protected Result reconcileKind(Certificate cert, Instant now) throws Exception {
        ConfigSnapshot snapshot = config.get();
        try {
            if (NetworkingKeys.CERTIFICATE_CLASS_CERT_MANAGER.equals(
                    classOf(cert, snapshot.network().certificateClass()))) {
                return certManager.reconcile(cert, snapshot.certManager(), now);
            }
            return builtIn.reconcile(cert, now);
        } catch (Exception e) {
            Condition ready = cert.getStatus().getCondition(Condition.READY);
            if (ready == null || !Condition.FALSE.equals(ready.getStatus())) {
                cert.getStatus().markNotReady(RECONCILE_FAILED, "The certificate has not been reconciled: "
                        + describe(e), now);
            }
            throw e;
        }
    }
}
