package io.qnative.reconciler.route.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.names.Names;

/**
 * The Knative Certificates of a Route and the KIngress TLS blocks made from them, as Knative's
 * {@code pkg/reconciler/route/resources/certificate.go} writes them:
 *
 * <ul>
 *   <li>external-domain-tls: one per external host, named {@code route-<uid>} (a tag's
 *       {@code route-<uid>-<adler32(tag)>}), labels {@code serving.knative.dev/route} and
 *       {@code networking.knative.dev/certificate-type: external-domain}, annotations the class plus the Route's
 *       (minus the excluded ones), spec {@code dnsNames: [host]}, {@code domain}, {@code secretName} = name;</li>
 *   <li>cluster-local-domain-tls: one per traffic target, {@code <name>-local}, type {@code cluster-local-domain},
 *       every short form of the local host, domain {@code svc.<clusterDomain>};</li>
 *   <li>the TLS block: the hosts, the Certificate's Secret and namespace ({@code MakeIngressTLS}).</li>
 * </ul>
 */
public final class Certificates {

    /** Suffix of the cluster-local Certificates' names ({@code localDomainSuffix}). */
    static final String LOCAL_SUFFIX = "-local";

    private Certificates() {
    }

    /** The class: the Route's annotation (either spelling), else {@code config-network}'s {@code certificate-class}. */
    public static String certificateClass(ConfigSnapshot config, Route route) {
        Map<String, String> a = route.getMetadata().getAnnotations() == null ? Map.of()
                : route.getMetadata().getAnnotations();
        for (String key : List.of(NetworkingKeys.CERTIFICATE_CLASS, NetworkingKeys.CERTIFICATE_CLASS_ALT)) {
            String v = a.get(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return config.network().certificateClass();
    }

    /**
     * One external-domain Certificate per host, in host order ({@code MakeCertificates}).
     *
     * @param hostToTag external host to traffic target name ({@code ""} for the Route's own host)
     * @param domain the Route's domain from {@code config-domain}
     */
    public static List<Certificate> external(Route route, SortedMap<String, String> hostToTag, String certClass,
            String domain) {
        List<Certificate> out = new ArrayList<>();
        hostToTag.forEach((host, tag) -> out.add(make(route, List.of(host), Names.tagCertificate(route, tag),
                certClass, domain, NetworkingKeys.CERTIFICATE_TYPE_EXTERNAL_DOMAIN)));
        return out;
    }

    /** The cluster-local-domain Certificate of target {@code tag} for its local hosts ({@code MakeClusterLocalCertificate}). */
    public static Certificate clusterLocal(Route route, String tag, Collection<String> hosts, String certClass,
            String clusterDomain) {
        return make(route, new ArrayList<>(new TreeSet<>(hosts)), Names.tagCertificate(route, tag) + LOCAL_SUFFIX,
                certClass, "svc." + clusterDomain, NetworkingKeys.CERTIFICATE_TYPE_CLUSTER_LOCAL_DOMAIN);
    }

    private static Certificate make(Route route, List<String> dnsNames, String name, String certClass, String domain,
            String type) {
        Certificate cert = new Certificate();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(route.getMetadata().getNamespace());
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(route)));
        meta.setAnnotations(Kmeta.filter(Kmeta.union(Map.of(NetworkingKeys.CERTIFICATE_CLASS, certClass),
                route.getMetadata().getAnnotations()), Ingresses.EXCLUDED_ANNOTATIONS::contains));
        Map<String, String> labels = new TreeMap<>();
        labels.put(ServingKeys.ROUTE, route.getMetadata().getName());
        labels.put(NetworkingKeys.CERTIFICATE_TYPE, type);
        meta.setLabels(labels);
        cert.setMetadata(meta);
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(List.copyOf(dnsNames));
        spec.setDomain(domain);
        spec.setSecretName(name);
        cert.setSpec(spec);
        return cert;
    }

    /** The KIngress TLS block serving {@code hosts} with the Certificate's Secret ({@code MakeIngressTLS}). */
    public static IngressTLS ingressTls(Certificate cert, Collection<String> hosts) {
        IngressTLS tls = new IngressTLS();
        tls.setHosts(new ArrayList<>(new TreeSet<>(hosts)));
        tls.setSecretName(cert.getSpec().getSecretName());
        tls.setSecretNamespace(cert.getMetadata().getNamespace());
        return tls;
    }

    /**
     * The first wildcard Certificate covering every one of {@code hosts}: each host's part after its first label is
     * the part after the first label of one of the certificate's DNS names (one wildcard level, as cert-manager;
     * {@code findMatchingWildcardCert} in Knative's {@code route.go}); null when none does.
     */
    public static Certificate matchingWildcard(Collection<String> hosts, List<Certificate> wildcards) {
        for (Certificate cert : wildcards) {
            if (wildcardCovers(hosts, cert)) {
                return cert;
            }
        }
        return null;
    }

    private static boolean wildcardCovers(Collection<String> hosts, Certificate cert) {
        Set<String> parents = new HashSet<>();
        List<String> names = cert.getSpec() == null || cert.getSpec().getDnsNames() == null ? List.of()
                : cert.getSpec().getDnsNames();
        for (String dns : names) {
            int dot = dns.indexOf('.');
            if (dot >= 0) {
                parents.add(dns.substring(dot + 1));
            }
        }
        for (String host : hosts) {
            int dot = host.indexOf('.');
            if (dot < 0 || !parents.contains(host.substring(dot + 1))) {
                return false;
            }
        }
        return true;
    }
}
