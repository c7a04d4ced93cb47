package io.qnative.reconciler.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.RouteConditions;
import io.qnative.api.serving.v1.RouteStatus;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.NetworkConfig;
import io.qnative.kube.Children;
import io.qnative.kube.Lister;
import io.qnative.reconciler.route.domains.Domains;
import io.qnative.reconciler.route.domains.Visibility;
import io.qnative.reconciler.route.resources.Certificates;

/**
 * The TLS phase of the Route reconciler (Knative's {@code externalDomainTLS} and {@code clusterLocalDomainTLS} in
 * {@code pkg/reconciler/route/route.go}): owns one Certificate per external host (or reuses a namespace wildcard
 * Certificate covering it), one per target's cluster-local hosts when cluster-local-domain-tls is on, deletes the
 * Route's stale Certificates, switches the covered URLs to https, marks CertificateProvisioned and returns the
 * KIngress TLS blocks and pending HTTP01 challenges.
 */
final class RouteTls {

    /** What the KIngress needs from the TLS phase. */
    record Result(List<IngressTLS> tls, List<HTTP01Challenge> challenges) {
    }

    private final Lister<Certificate> certificates;
    private final Children children;

    RouteTls(Lister<Certificate> certificates, Children children) {
        this.certificates = certificates;
        this.children = children;
    }

    /** Runs both TLS phases and marks CertificateProvisioned. */
    Result reconcile(ConfigSnapshot snapshot, Route route, Collection<String> names,
            Map<String, Visibility> visibility, Instant now) throws Children.NotOwnedException {
        List<IngressTLS> tls = new ArrayList<>();
        List<HTTP01Challenge> challenges = new ArrayList<>();
        int desired = external(snapshot, route, names, visibility, tls, challenges, now);
        if (snapshot.network().clusterLocalDomainTls()) {
            clusterLocal(snapshot, route, names, tls, now);
        } else if (RouteReconciler.externalDomainTlsEnabled(snapshot, route) && desired == 0) {
            route.getStatus().markTLSNotEnabled(RouteConditions.TLS_NOT_ENABLED_FOR_CLUSTER_LOCAL_MESSAGE, now);
        }
        challenges.sort(Comparator.comparing(HTTP01Challenge::getUrl));
        return new Result(tls, challenges);
    }

    /** {@code externalDomainTLS}: returns how many external Certificates the Route wants. */
    private int external(ConfigSnapshot snapshot, Route route, Collection<String> names,
            Map<String, Visibility> visibility, List<IngressTLS> tls, List<HTTP01Challenge> challenges, Instant now)
            throws Children.NotOwnedException {
        RouteStatus status = route.getStatus();
        if (!RouteReconciler.externalDomainTlsEnabled(snapshot, route)) {
            status.markTLSNotEnabled(RouteConditions.EXTERNAL_DOMAIN_TLS_NOT_ENABLED_MESSAGE, now);
            return 0;
        }
        SortedMap<String, String> hostToTag = new TreeMap<>(Domains.allDomainsAndTags(snapshot, route, names,
                visibility));
        hostToTag.keySet().removeIf(h -> Domains.isClusterLocal(h, snapshot.clusterDomain()));
        String domain = snapshot.domain().lookup(labels(route));
        List<Certificate> wildcards = certificates.list(route.getMetadata().getNamespace(),
                Map.of(NetworkingKeys.WILDCARD_DOMAIN, domain));
        String host = Domains.hostOf(status.getUrl());
        List<Certificate> desired = Certificates.external(route, hostToTag,
                Certificates.certificateClass(snapshot, route), domain);
        for (Certificate want : desired) {
            List<String> dnsNames = want.getSpec().getDnsNames();
            Certificate cert = Certificates.matchingWildcard(dnsNames, wildcards);
            if (cert == null) {
                cert = apply(route, want, now);
                dnsNames = cert.getSpec().getDnsNames();
            }
            if (dnsNames.contains(host)) {
                status.setUrl(Domains.url("https", host));
            }
            setTargetsScheme(status, dnsNames, "https");
            if (cert.isReady()) {
                if (renewing(cert)) {
                    challenges.addAll(challengesOf(cert));
                }
                status.markCertificateReady(cert.getMetadata().getName(), now);
                tls.add(Certificates.ingressTls(cert, dnsNames));
                continue;
            }
            challenges.addAll(challengesOf(cert));
            if (cert.isFailed()) {
                status.markCertificateProvisionFailed(cert.getMetadata().getName(), now);
            } else {
                status.markCertificateNotReady(cert.getMetadata().getName(), now);
            }
            // Knative reads config-network here, not the Route's http-protocol annotation
            if (snapshot.network().httpProtocol() == NetworkConfig.HttpProtocol.ENABLED) {
                if (dnsNames.contains(host)) {
                    status.setUrl(Domains.url(Domains.HTTP, host));
                }
                setTargetsScheme(status, dnsNames, Domains.HTTP);
                status.markHTTPDowngrade(cert.getMetadata().getName(), now);
            }
        }
        deleteOrphans(route, hostToTag.keySet(), NetworkingKeys.CERTIFICATE_TYPE_EXTERNAL_DOMAIN);
        return desired.size();
    }

    /** {@code clusterLocalDomainTLS}: one Certificate per target for its cluster-local hosts. */
    private void clusterLocal(ConfigSnapshot snapshot, Route route, Collection<String> names, List<IngressTLS> tls,
            Instant now) throws Children.NotOwnedException {
        RouteStatus status = route.getStatus();
        Set<String> used = new HashSet<>();
        for (String name : names.stream().sorted().toList()) {
            List<String> hosts = Domains.hostsForVisibility(snapshot, route, name, Visibility.CLUSTER_LOCAL);
            Certificate cert = apply(route, Certificates.clusterLocal(route, name, hosts,
                    Certificates.certificateClass(snapshot, route), snapshot.clusterDomain()), now);
            if (cert.isReady()) {
                status.getAddress().setUrl(Domains.url("https", Domains.hostOf(status.getAddress().getUrl())));
                String host = Domains.hostOf(status.getUrl());
                if (hosts.contains(host)) {
                    status.setUrl(Domains.url("https", host));
                }
                status.markCertificateReady(cert.getMetadata().getName(), now);
                tls.add(Certificates.ingressTls(cert, hosts));
            } else if (cert.isFailed()) {
                status.markCertificateProvisionFailed(cert.getMetadata().getName(), now);
            } else {
                status.markCertificateNotReady(cert.getMetadata().getName(), now);
            }
            used.addAll(hosts);
        }
        deleteOrphans(route, used, NetworkingKeys.CERTIFICATE_TYPE_CLUSTER_LOCAL_DOMAIN);
    }

    /** {@code ReconcileCertificate}: create, or replace spec/labels/annotations; a foreign one is not touched. */
    private Certificate apply(Route route, Certificate desired, Instant now) throws Children.NotOwnedException {
        Certificate existing = certificates.get(desired.getMetadata().getNamespace(),
                desired.getMetadata().getName()).orElse(null);
        try {
            return children.applyKnative(route, existing, desired);
        } catch (Children.NotOwnedException e) {
            route.getStatus().markCertificateNotOwned(desired.getMetadata().getName(), now);
            throw e;
        } catch (RuntimeException e) {
            route.getStatus().markCertificateProvisionFailed(desired.getMetadata().getName(), now);
            throw e;
        }
    }

    /**
     * {@code getOrphanRouteCerts} + {@code deleteOrphanedCerts}: the Route's Certificates of that type none of whose
     * DNS names is still wanted; a failed delete is only an event (Knative does not fail the reconcile on it).
     */
    private void deleteOrphans(Route route, Set<String> used, String type) {
        for (Certificate cert : certificates.list(route.getMetadata().getNamespace(),
                Map.of(ServingKeys.ROUTE, route.getMetadata().getName()))) {
            if (!type.equals(cert.getMetadata().getLabels().get(NetworkingKeys.CERTIFICATE_TYPE))) {
                continue;
            }
            List<String> dns = cert.getSpec() == null || cert.getSpec().getDnsNames() == null ? List.of()
                    : cert.getSpec().getDnsNames();
            if (dns.stream().noneMatch(used::contains)) {
                try {
                    children.delete(route, cert);
                } catch (RuntimeException e) {
                    // as Knative: a stale Certificate left behind does not fail the Route; the next reconcile retries
                    continue;
                }
            }
        }
    }

    /** {@code setTargetsScheme}: the tagged traffic URLs whose host is one of {@code dnsNames} get the scheme. */
    private static void setTargetsScheme(RouteStatus status, List<String> dnsNames, String scheme) {
        if (status.getTraffic() == null) {
            return;
        }
        for (TrafficTarget t : status.getTraffic()) {
            if (t.getUrl() == null) {
                continue;
            }
            String host = Domains.hostOf(t.getUrl());
            if (dnsNames.contains(host)) {
                t.setUrl(Domains.url(scheme, host));
            }
        }
    }

    private static boolean renewing(Certificate cert) {
        var c = cert.getStatus() == null ? null : cert.getStatus().getCondition("Renewing");
        return c != null && c.isTrue();
    }

    private static List<HTTP01Challenge> challengesOf(Certificate cert) {
        return cert.getStatus() == null || cert.getStatus().getHttp01Challenges() == null ? List.of()
                : cert.getStatus().getHttp01Challenges();
    }

    private static Map<String, String> labels(Route route) {
        return route.getMetadata().getLabels() == null ? Map.of() : route.getMetadata().getLabels();
    }
}
