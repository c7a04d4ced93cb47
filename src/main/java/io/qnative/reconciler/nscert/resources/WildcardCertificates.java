package io.qnative.reconciler.nscert.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.DomainConfig;
import io.qnative.kube.Kmeta;

/**
 * A selected Namespace's wildcard Certificates, as Knative's {@code pkg/reconciler/nscert/resources} writes them:
 * per wildcard domain D of {@code config-domain} (not the cluster-local {@code svc.<clusterDomain>}), the domain
 * template rendered with Name {@code *} gives {@code *.<ns>.<D>}; the Certificate is named after it without the
 * {@code *.}, its Secret too, labelled {@code networking.knative.dev/wildcardDomain: D}, annotated with the
 * {@code certificate-class} and controlled by the Namespace.
 */
public final class WildcardCertificates {

    private WildcardCertificates() {
    }

    /**
     * The Certificates the Namespace should have, sorted by domain.
     *
     * @throws IllegalArgumentException when the domain template does not render a {@code *.}-prefixed name
     */
    public static List<Certificate> make(ConfigSnapshot config, Namespace namespace) {
        List<Certificate> out = new ArrayList<>();
        String local = "svc." + config.clusterDomain();
        for (Map.Entry<String, DomainConfig.Domain> d : new TreeMap<>(config.domain().effectiveDomains())
                .entrySet()) {
            if (!d.getValue().wildcard() || d.getKey().equals(local)) {
                continue;
            }
            out.add(make(config, namespace, d.getKey()));
        }
        return out;
    }

    private static Certificate make(ConfigSnapshot config, Namespace namespace, String domain) {
        String ns = namespace.getMetadata().getName();
        Map<String, Object> values = new TreeMap<>();
        values.put("Name", "*");
        values.put("Namespace", ns);
        values.put("Domain", domain);
        values.put("Annotations", Map.of());
        values.put("Labels", Map.of());
        String dnsName = config.network().domainTemplate().render(values);
        if (!dnsName.startsWith("*.") || dnsName.length() < 3) {
            throw new IllegalArgumentException("invalid domain-template: it renders \"" + dnsName
                    + "\" for a wildcard, which must start with \"*.\"");
        }
        String name = dnsName.substring(2);
        Certificate cert = new Certificate();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(ns);
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(namespace)));
        meta.setLabels(new TreeMap<>(Map.of(NetworkingKeys.WILDCARD_DOMAIN, domain)));
        meta.setAnnotations(new TreeMap<>(Map.of(NetworkingKeys.CERTIFICATE_CLASS,
                config.network().certificateClass())));
        cert.setMetadata(meta);
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(List.of(dnsName));
        spec.setDomain(domain);
        spec.setSecretName(name);
        cert.setSpec(spec);
        return cert;
    }
}
