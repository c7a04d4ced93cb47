package io.qnative.reconciler.nscert;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Namespace;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.NetworkConfig;
import io.qnative.kube.Children;
import io.qnative.kube.Kmeta;
import io.qnative.kube.Lister;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.nscert.resources.WildcardCertificates;

/**
 * Knative's {@code pkg/reconciler/nscert/nscert.go}: while external-domain-tls is on and the Namespace's labels match
 * {@code namespace-wildcard-cert-selector}, it owns one wildcard Certificate per wildcard domain (created, or its
 * spec, labels and annotations replaced); otherwise, and for domains no longer wanted, the wildcard Certificates it
 * owns there are deleted. A same-named Certificate someone else controls is left alone (an error, retried).
 */
final class NamespaceCertReconciler implements Reconciler {

    private final Lister<Namespace> namespaces;
    private final Lister<Certificate> certificates;
    private final Children children;
    private final Supplier<ConfigSnapshot> config;

    NamespaceCertReconciler(Lister<Namespace> namespaces, Lister<Certificate> certificates, Children children,
            Supplier<ConfigSnapshot> config) {
        this.namespaces = namespaces;
        this.certificates = certificates;
        this.children = children;
        this.config = config;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Namespace ns = namespaces.get("", key.name()).orElse(null);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        ConfigSnapshot snapshot = config.get();
        List<Certificate> desired = selected(snapshot.network(), ns) ? WildcardCertificates.make(snapshot, ns)
                : List.of();
        for (Certificate want : desired) {
            Certificate existing = certificates.get(ns.getMetadata().getName(), want.getMetadata().getName())
                    .orElse(null);
            children.applyKnative(ns, existing, want);
        }
        Set<String> wanted = desired.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        for (Certificate cert : certificates.list(ns.getMetadata().getName())) {
            Map<String, String> labels = cert.getMetadata().getLabels();
            if (labels != null && labels.containsKey(NetworkingKeys.WILDCARD_DOMAIN) && Kmeta.isControlledBy(cert, ns)
                    && !wanted.contains(cert.getMetadata().getName())) {
                children.delete(ns, cert);
            }
        }
        return Result.done();
    }

    /** External-domain-tls on and a selector set that matches the Namespace's labels. */
    static boolean selected(NetworkConfig network, Namespace ns) {
        Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        return network.externalDomainTls() && network.namespaceWildcardCertSelector().map(s -> s.matches(labels))
                .orElse(false);
    }
}
