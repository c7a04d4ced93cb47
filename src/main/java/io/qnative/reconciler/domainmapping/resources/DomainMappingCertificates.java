package io.qnative.reconciler.domainmapping.resources;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.config.NetworkConfig;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.names.Names;

/**
 * The Certificate of a DomainMapping's domain (Knative's {@code pkg/reconciler/domainmapping/resources/certificate.go},
 * which delegates to the Route's {@code MakeCertificate}): named {@code ChildName(<domain>, "")} in the mapping's
 * namespace, controller reference to the mapping, labels {@code serving.knative.dev/domainMappingUID: <domain>} (the
 * name, as Knative writes it) and {@code networking.knative.dev/certificate-type: external-domain}, annotations the
 * class plus the mapping's (minus the excluded ones), spec {@code dnsNames: [<domain>]}, {@code domain: <domain>},
 * {@code secretName} the certificate's name.
 */
public final class DomainMappingCertificates {

    private DomainMappingCertificates() {
    }

    /** The Certificate of {@code dm}, of class {@code certificateClass}. */
    public static Certificate make(DomainMapping dm, String certificateClass) {
        String domain = dm.getMetadata().getName();
        String name = Names.domainMappingCertificate(dm);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(dm.getMetadata().getNamespace());
        meta.setOwnerReferences(List.of(Kmeta.controllerRef(dm)));
        meta.setAnnotations(Kmeta.filter(Kmeta.union(Map.of(NetworkingKeys.CERTIFICATE_CLASS, certificateClass),
                dm.getMetadata().getAnnotations()), DomainMappingIngresses.EXCLUDED_ANNOTATIONS::contains));
        meta.setLabels(Kmeta.union(Map.of(ServingKeys.DOMAIN_MAPPING_UID, domain,
                NetworkingKeys.CERTIFICATE_TYPE, NetworkingKeys.CERTIFICATE_TYPE_EXTERNAL_DOMAIN)));
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(List.of(domain));
        spec.setDomain(domain);
        spec.setSecretName(name);
        Certificate cert = new Certificate();
        cert.setMetadata(meta);
        cert.setSpec(spec);
        return cert;
    }

    /**
     * The class: the mapping's {@code networking.knative.dev/certificate.class} annotation (either spelling), else
     * {@code config-network}'s {@code certificate-class}.
     */
    public static String certificateClass(NetworkConfig network, DomainMapping dm) {
        Map<String, String> a = dm.getMetadata().getAnnotations() == null ? Map.of()
                : dm.getMetadata().getAnnotations();
        for (String key : List.of(NetworkingKeys.CERTIFICATE_CLASS, NetworkingKeys.CERTIFICATE_CLASS_ALT)) {
            String v = a.get(key);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return network.certificateClass();
    }

    /** Knative's {@code MakeIngressTLS}: the hosts served with the certificate's Secret. */
    public static IngressTLS ingressTls(Certificate cert, List<String> hosts) {
        IngressTLS tls = new IngressTLS();
        tls.setHosts(List.copyOf(hosts));
        tls.setSecretName(cert.getSpec().getSecretName());
        tls.setSecretNamespace(cert.getMetadata().getNamespace());
        return tls;
    }

    /** The TLS block of a user-provided Secret ({@code spec.tls.secretName}) for the mapping's domain. */
    public static IngressTLS externalTls(DomainMapping dm, String secretName) {
        IngressTLS tls = new IngressTLS();
        tls.setHosts(List.of(dm.getMetadata().getName()));
        tls.setSecretName(secretName);
        tls.setSecretNamespace(dm.getMetadata().getNamespace());
        return tls;
    }
}
