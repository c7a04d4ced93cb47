package io.qnative.reconciler.certificate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.config.CertManagerConfig;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Controller;
import io.qnative.reconciler.ControllerContext;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Watches;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Wiring of the Certificate controller: Certificates queue themselves; their Secrets (informed on by Knative's
 * {@code networking.internal.knative.dev/certificate-uid} label only, never the cluster's other Secrets) queue
 * their Certificate; the CA's Secret and ConfigMap, and a change of config-certmanager, queue every Certificate;
 * cert-manager's HTTP-01 solver Services (informed on by their {@value Http01Challenges#HTTP_DOMAIN_LABEL} label
 * only) queue the Certificates naming their domain.
 */
public final class CertificateControllers {

    /** The controller's name (logs, metrics, threads). */
    public static final String NAME = "certificate";
    private static final Logger LOG = Logger.getLogger(CertificateControllers.class);

    private CertificateControllers() {
    }

    /** Builds the controller and registers its informer handlers. */
    public static Controller create(ControllerContext ctx) {
        CertificateSettings settings = CertificateSettings.from(ctx.config().systemNamespace(),
                ctx.config().certificates());
        settings.problems().forEach(p -> LOG.errorf("invalid certificate setting %s", p));
        Lister<Certificate> certificates = ctx.lister(Certificate.class);
        Lister<Secret> servingSecrets = ctx.informers().watchLabelled(Secret.class, null,
                NetworkingKeys.CERTIFICATE_UID, null, null);
        Map.Entry<String, String> caLabel = Map.entry("app.kubernetes.io/component",
                CertificateSecrets.CA_LABELS.get("app.kubernetes.io/component"));
        Lister<Secret> caSecrets = ctx.informers().watchLabelled(Secret.class, settings.systemNamespace(),
                caLabel.getKey(), caLabel.getValue(), null);
        Lister<ConfigMap> caConfigMaps = ctx.informers().watchLabelled(ConfigMap.class, settings.systemNamespace(),
                caLabel.getKey(), caLabel.getValue(), null);

        SecureRandom random = new SecureRandom();
        CertificateSpans spans = new CertificateSpans(ctx.tracer());
        AuthorityStore authority = new AuthorityStore(ctx.client(), caSecrets, caConfigMaps, ctx.events(), settings,
                random, spans);
        BuiltInIssuer builtIn = new BuiltInIssuer(authority, servingSecrets, ctx.children(), ctx.events(), settings,
                random, spans);
        Lister<Service> solverServices = ctx.informers().watchLabelled(Service.class, null,
                Http01Challenges.HTTP_DOMAIN_LABEL, null, null);
        CertManagerSync certManager = new CertManagerSync(ctx.client(), CertManagerSync.Reader.of(ctx.client()),
                new Http01Challenges(Http01Challenges.Reader.of(ctx.client()), solverServices), ctx.events(),
                settings, spans);
        CertificateReconciler reconciler = new CertificateReconciler(certificates, ctx.statusUpdater(), ctx.clock(),
                ctx.snapshot(), builtIn, certManager);

        Controller controller = ctx.controller(NAME, reconciler.filtered(), certificates);
        ctx.informers().watch(Certificate.class, Watches.self(controller));
        ctx.informers().watchLabelled(Secret.class, null, NetworkingKeys.CERTIFICATE_UID, null,
                Watches.controllerOf(controller, "Certificate"));
        ctx.informers().watchLabelled(Secret.class, settings.systemNamespace(), caLabel.getKey(),
                caLabel.getValue(), Watches.mapped(controller, obj -> all(certificates, obj, settings)));
        ctx.informers().watchLabelled(ConfigMap.class, settings.systemNamespace(), caLabel.getKey(),
                caLabel.getValue(), Watches.mapped(controller, obj -> all(certificates, obj, settings)));
        // Knative tracks the solver Services it found; here a solver Service's change (one appearing, mostly)
        // queues the Certificates of its namespace that name its domain.
        ctx.informers().watchLabelled(Service.class, null, Http01Challenges.HTTP_DOMAIN_LABEL, null,
                Watches.mapped(controller, obj -> solving(certificates, obj)));
        AtomicReference<Map.Entry<String, CertManagerConfig>> last = new AtomicReference<>();
        ctx.configStore().addListener(snapshot -> {
            Map.Entry<String, CertManagerConfig> next = Map.entry(snapshot.network().certificateClass(),
                    snapshot.certManager());
            Map.Entry<String, CertManagerConfig> previous = last.getAndSet(next);
            if (previous != null && !previous.equals(next)) {
                certificates.list().forEach(c -> controller.enqueue(ObjectKey.of(c)));
            }
        });
        return controller;
    }

    /** The Certificates of a solver Service's namespace with a DNS name whose hash is the Service's label. */
    static Collection<ObjectKey> solving(Lister<Certificate> certificates, HasMetadata solver) {
        Map<String, String> labels = solver.getMetadata().getLabels();
        String hash = labels == null ? null : labels.get(Http01Challenges.HTTP_DOMAIN_LABEL);
        return certificates.list(solver.getMetadata().getNamespace()).stream()
                .filter(c -> c.getSpec() != null && c.getSpec().getDnsNames() != null && c.getSpec().getDnsNames()
                        .stream().anyMatch(n -> Http01Challenges.domainHash(n).equals(hash)))
                .map(ObjectKey::of).toList();
    }

    /** Every Certificate, when {@code changed} is the CA's Secret or ConfigMap. */
    static Collection<ObjectKey> all(Lister<Certificate> certificates, HasMetadata changed,
            CertificateSettings settings) {
        String name = changed.getMetadata().getName();
        if (!name.equals(settings.caSecretName()) && !name.equals(settings.caConfigMapName())) {
            return java.util.List.of();
        }
        return certificates.list().stream().map(ObjectKey::of).toList();
    }
}
