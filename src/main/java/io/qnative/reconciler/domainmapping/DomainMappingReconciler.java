package io.qnative.reconciler.domainmapping;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.qnative.api.duck.Addressable;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.api.serving.v1beta1.DomainMappingConditions;
import io.qnative.api.serving.v1beta1.DomainMappingStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.NetworkConfig;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.domainmapping.resources.DomainClaims;
import io.qnative.reconciler.domainmapping.resources.DomainMappingCertificates;
import io.qnative.reconciler.domainmapping.resources.DomainMappingIngresses;

/**
 * The DomainMapping reconciler (Knative's {@code pkg/reconciler/domainmapping/reconciler.go}), in Knative's order:
 * keep the finalizer, mark a new generation's ingress not configured, set url and address, claim the domain
 * cluster-wide, provision TLS, resolve the target, write the KIngress and mirror its readiness. A claim held by
 * another namespace, an unresolvable target or a failed write is marked and returned as an error, so the key is
 * retried with back-off — which is also how a mapping waiting for a freed claim notices it (the claim's deletion
 * queues it at once as well). On deletion, with auto-created claims, the claim of this namespace is released.
 */
public final class DomainMappingReconciler extends KindReconciler<DomainMapping> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Lister<Ingress> ingresses;
    private final Lister<Certificate> certificates;
    private final Lister<ClusterDomainClaim> claims;
    private final Targets targets;
    private final Children children;

    DomainMappingReconciler(KubernetesClient client, Lister<DomainMapping> domainMappings, Lister<Ingress> ingresses,
            Lister<Certificate> certificates, Lister<ClusterDomainClaim> claims, Targets targets, Children children,
            StatusUpdater statusUpdater, Supplier<ConfigSnapshot> config, Clock clock) {
        super(DomainMapping.class, DomainMappingStatus::new, domainMappings, config, statusUpdater, clock);
        this.client = client;
        this.ingresses = ingresses;
        this.certificates = certificates;
        this.claims = claims;
        this.targets = targets;
        this.children = children;
    }

    /** What the TLS phase decided: the KIngress's TLS blocks and the HTTP-01 challenges to route. */
    private record Tls(List<IngressTLS> tls, List<HTTP01Challenge> challenges) {
        static final Tls NONE = new Tls(List.of(), List.of());
    }

    @Override
    protected Result reconcileKind(DomainMapping dm, Instant now) throws Exception {
        ConfigSnapshot snapshot = config.get();
        NetworkConfig network = snapshot.network();
        DomainMappingStatus status = dm.getStatus();
        ensureFinalizer(dm);
        if (!dm.isGenerationObserved()) {
            status.markIngressNotConfigured(now);
        }
        setUrl(dm, network.defaultExternalScheme());
        reconcileDomainClaim(dm, network, now);
        Tls tls = reconcileTls(dm, network, now);
        Targets.Target target = resolveRef(dm, snapshot.clusterDomain(), now);
        String httpOption = DomainMappingIngresses.httpOption(network, dm);
        Ingress desired = DomainMappingIngresses.make(dm, target.backendService(), target.host(),
                DomainMappingIngresses.ingressClass(network, dm), httpOption, tls.tls(), tls.challenges());
        Ingress ingress = reconcileIngress(dm, desired, now);
        if (!ingress.isGenerationObserved()) {
            status.markIngressNotConfigured(now);
        } else {
            status.propagateIngressStatus(ingress.getStatus(), now);
        }
        return Result.done();
    }

    /** {@code status.url} and {@code status.address.url}: {@code <scheme>://<domain>}. */
    private static void setUrl(DomainMapping dm, String scheme) {
        String url = scheme + "://" + dm.getMetadata().getName();
        dm.getStatus().setUrl(url);
        Addressable address = new Addressable();
        address.setUrl(url);
        dm.getStatus().setAddress(address);
    }

    /**
     * DomainClaimed: the claim of this namespace is ours; a missing claim is created when auto-creation is on;
     * a claim of another namespace (or a missing one without auto-creation) is {@code DomainAlreadyClaimed}.
     */
    private void reconcileDomainClaim(DomainMapping dm, NetworkConfig network, Instant now) {
        String ns = dm.getMetadata().getNamespace();
        String domain = dm.getMetadata().getName();
        Optional<ClusterDomainClaim> claim = claims.get(null, domain);
        if (claim.isEmpty()) {
            // the cache may not have the claim this controller created a moment ago: ask before creating
            claim = Optional.ofNullable(client.resources(ClusterDomainClaim.class).withName(domain).get());
        }
        if (claim.isEmpty()) {
            if (!network.autocreateClusterDomainClaims()) {
                dm.getStatus().markDomainClaimNotOwned(now);
                throw new IllegalStateException("no ClusterDomainClaim found for domain \"" + domain + "\"");
            }
            try {
                children.create(dm, DomainClaims.make(dm));
            } catch (KubernetesClientException e) {
                throw new IllegalStateException("failed to create ClusterDomainClaim: " + message(e), e);
            }
        } else if (claim.get().getSpec() == null || !ns.equals(claim.get().getSpec().getNamespace())) {
            dm.getStatus().markDomainClaimNotOwned(now);
            throw new IllegalStateException("namespace \"" + ns + "\" does not own ClusterDomainClaim for \""
                    + domain + "\"");
        }
        dm.getStatus().markDomainClaimed(now);
    }

    /**
     * CertificateProvisioned and the TLS of the KIngress: the user's Secret when {@code spec.tls} names one;
     * {@code TLSNotEnabled} when external-domain-tls is off (or disabled by annotation); otherwise the
     * mapping's own Certificate, whose readiness switches the URL to https (or, while not ready and HTTP is
     * enabled, keeps http with {@code HTTPDowngrade}) and whose HTTP-01 challenges are routed meanwhile.
     */
    private Tls reconcileTls(DomainMapping dm, NetworkConfig network, Instant now) throws Exception {
        DomainMappingStatus status = dm.getStatus();
        if (dm.getSpec() != null && dm.getSpec().getTls() != null) {
            status.markCertificateNotRequired(DomainMappingConditions.TLS_CERTIFICATE_PROVIDED_EXTERNALLY, now);
            setUrl(dm, "https");
            return new Tls(List.of(DomainMappingCertificates.externalTls(dm, dm.getSpec().getTls().getSecretName())),
                    List.of());
        }
        if (!externalDomainTlsEnabled(network, dm)) {
            status.markTLSNotEnabled(DomainMappingConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, now);
            return Tls.NONE;
        }
        Certificate desired = DomainMappingCertificates.make(dm, DomainMappingCertificates.certificateClass(network,
                dm));
        String name = desired.getMetadata().getName();
        Certificate cert;
        try {
            cert = children.apply(dm, certificates.get(dm.getMetadata().getNamespace(), name).orElse(null), desired,
                    (live, want) -> Objects.equals(live.getSpec(), want.getSpec()),
                    (copy, want) -> {
                        copy.setSpec(want.getSpec());
                        return copy;
                    });
        } catch (Children.NotOwnedException e) {
            status.markCertificateNotOwned(name, now);
            throw e;
        } catch (KubernetesClientException e) {
            status.markCertificateProvisionFailed(name, now);
            throw new IllegalStateException("failed to reconcile Certificate: " + message(e), e);
        }
        if (desired.getSpec().getDnsNames().contains(dm.getMetadata().getName())) {
            setUrl(dm, "https");
        }
        if (cert.isReady()) {
            status.markCertificateReady(name, now);
            return new Tls(List.of(DomainMappingCertificates.ingressTls(cert, desired.getSpec().getDnsNames())),
                    List.of());
        }
        if (network.httpProtocol() == NetworkConfig.HttpProtocol.ENABLED) {
            setUrl(dm, "http");
            status.markHTTPDowngrade(name, now);
        } else if (cert.isFailed()) {
            status.markCertificateProvisionFailed(name, now);
        } else {
            status.markCertificateNotReady(name, now);
        }
        List<HTTP01Challenge> challenges = new ArrayList<>(cert.getStatus() == null
                || cert.getStatus().getHttp01Challenges() == null ? List.of()
                        : cert.getStatus().getHttp01Challenges());
        challenges.sort(Comparator.comparing(HTTP01Challenge::getUrl));
        return new Tls(List.of(), challenges);
    }

    /** {@code externalDomainTLSEnabled}: on in config-network and not disabled by the mapping's annotation. */
    static boolean externalDomainTlsEnabled(NetworkConfig network, DomainMapping dm) {
        return network.externalDomainTlsEnabled(dm.getMetadata().getAnnotations());
    }

    /** ReferenceResolved: the target's host and Service, or False {@code ResolveFailed} and an error. */
    private Targets.Target resolveRef(DomainMapping dm, String clusterDomain, Instant now) {
        try {
            Targets.Target target = targets.resolve(dm.getSpec() == null ? null : dm.getSpec().getRef(),
                    dm.getMetadata().getNamespace(), clusterDomain);
            dm.getStatus().markReferenceResolved(now);
            return target;
        } catch (Targets.UnresolvedException e) {
            dm.getStatus().markReferenceNotResolved(e.getMessage(), now);
            throw new IllegalStateException("resolving reference: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the KIngress or replaces its spec, labels and annotations when they differ (Knative's
     * {@code reconcileIngress} compares and copies all three).
     */
    private Ingress reconcileIngress(DomainMapping dm, Ingress desired, Instant now)
            throws Children.NotOwnedException {
        Ingress existing = ingresses.get(desired.getMetadata().getNamespace(), desired.getMetadata().getName())
                .orElse(null);
        try {
            return children.apply(dm, existing, desired,
                    (live, want) -> Objects.equals(live.getSpec(), want.getSpec())
                            && Children.sameMetadata(live, want),
                    (copy, want) -> {
                        copy.setSpec(want.getSpec());
                        copy.getMetadata().setLabels(want.getMetadata().getLabels());
                        copy.getMetadata().setAnnotations(want.getMetadata().getAnnotations());
                        return copy;
                    });
        } catch (Children.NotOwnedException e) {
            dm.getStatus().markIngressNotOwned(desired.getMetadata().getName(), now);
            throw e;
        }
    }

    /**
     * Releases the domain: with auto-created claims, deletes the claim when it names this namespace (a same-named
     * mapping elsewhere then claims it on its next attempt); then drops the finalizer.
     */
    @Override
    protected Result finalizeKind(DomainMapping dm, Instant now) {
        List<String> finalizers = dm.getMetadata().getFinalizers() == null ? List.of()
                : dm.getMetadata().getFinalizers();
        if (!finalizers.contains(ServingKeys.DOMAIN_MAPPING_FINALIZER)) {
            return Result.done();
        }
        if (config.get().network().autocreateClusterDomainClaims()) {
            ClusterDomainClaim claim = client.resources(ClusterDomainClaim.class).withName(dm.getMetadata().getName())
                    .get();
            if (claim != null && claim.getSpec() != null
                    && dm.getMetadata().getNamespace().equals(claim.getSpec().getNamespace())) {
                children.delete(dm, claim);
            }
        }
        List<String> rest = new ArrayList<>(finalizers);
        rest.remove(ServingKeys.DOMAIN_MAPPING_FINALIZER);
        patchFinalizers(dm, rest);
        return Result.done();
    }

    /** Adds {@code domainmappings.serving.knative.dev} (Knative's generated reconciler does it before reconciling). */
    private void ensureFinalizer(DomainMapping dm) {
        List<String> finalizers = dm.getMetadata().getFinalizers() == null ? List.of()
                : dm.getMetadata().getFinalizers();
        if (finalizers.contains(ServingKeys.DOMAIN_MAPPING_FINALIZER)) {
            return;
        }
        List<String> more = new ArrayList<>(finalizers);
        more.add(ServingKeys.DOMAIN_MAPPING_FINALIZER);
        HasMetadata patched = patchFinalizers(dm, more);
        dm.getMetadata().setFinalizers(more);
        if (patched != null && patched.getMetadata() != null) {
            dm.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
        }
    }

    private HasMetadata patchFinalizers(DomainMapping dm, List<String> finalizers) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("finalizers", finalizers);
        meta.put("resourceVersion", dm.getMetadata().getResourceVersion());
        try {
            return client.resource(dm).patch(PatchContext.of(PatchType.JSON_MERGE),
                    JSON.writeValueAsString(Map.of("metadata", meta)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("failed to update finalizers of DomainMapping "
                    + dm.getMetadata().getNamespace() + "/" + dm.getMetadata().getName() + ": " + message(e), e);
        }
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
    }
}
