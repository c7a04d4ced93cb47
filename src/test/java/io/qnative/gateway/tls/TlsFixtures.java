package io.qnative.gateway.tls;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressSpec;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.KeyAlgorithm;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The objects the gateway's TLS seam is fed in production, built for the TLS benchmarks ({@code TlsLoad},
 * {@code SniMemory}): a Knative Certificate for one host, its Secret as the built-in issuer writes it
 * ({@link CertificateSecrets#serving}, leaf by the built-in CA's {@link CertificateAuthority#issue}), the Route's
 * KIngress with the matching {@code spec.tls} block, and {@link #serve} passing both through {@link TlsSecrets}' own
 * conversions into {@link SniCertificates}, as the informer handlers do.
 */
public final class TlsFixtures {

    /** The namespace of every object here. */
    public static final String NS = "ns";
    /** The serving certificates' lifetime: the built-in issuer's default (docs/certificates.md). */
    public static final Duration VALIDITY = Duration.ofDays(90);

    private TlsFixtures() {
    }

    /** A new ECDSA P-256 CA as the built-in issuer creates it ({@code AuthorityStore}). */
    public static CertificateAuthority authority(SecureRandom random) {
        return CertificateAuthority.create("qnative-bench CA", Instant.now(), CertificateAuthority.DEFAULT_VALIDITY,
                KeyAlgorithm.ECDSA_P256, random);
    }

    /** The Route's Certificate {@code name} for {@code host} (its Secret has the same name, as Knative names it). */
    public static Certificate certificate(String name, String host) {
        Certificate c = new Certificate();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withUid(UUID.randomUUID().toString()).withGeneration(1L)
                .withLabels(new TreeMap<>(Map.of("serving.knative.dev/route", name,
                        "networking.knative.dev/certificate-type", "external-domain")))
                .build());
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(List.of(host));
        spec.setDomain(NS + ".example.com");
        spec.setSecretName(name);
        c.setSpec(spec);
        return c;
    }

    /** The Secret the built-in issuer writes for {@code cert}: a fresh ECDSA P-256 leaf signed by {@code ca}. */
    public static Secret secret(CertificateAuthority ca, Certificate cert, SecureRandom random) {
        return CertificateSecrets.serving(cert, ca.issue(cert.getSpec().getDnsNames(), Instant.now(), VALIDITY,
                KeyAlgorithm.ECDSA_P256, random));
    }

    /** The KIngress {@code name} of qnative's class whose one TLS block serves {@code host} from {@code secret}. */
    public static Ingress ingress(String name, String host, String secret) {
        Ingress ing = new Ingress();
        ing.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withAnnotations(Map.of(NetworkingKeys.INGRESS_CLASS, NetworkingKeys.INGRESS_CLASS_QNATIVE)).build());
        IngressTLS tls = new IngressTLS();
        tls.setHosts(List.of(host));
        tls.setSecretName(secret);
        tls.setSecretNamespace(NS);
        IngressSpec spec = new IngressSpec();
        spec.setTls(List.of(tls));
        ing.setSpec(spec);
        return ing;
    }

    /** What {@link TlsSecrets}' informer handlers do with an added Secret and KIngress. */
    public static void serve(SniCertificates sni, Ingress ingress, Secret secret) {
        sni.putSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName(), TlsSecrets.data(secret));
        sni.putIngress(ingress.getMetadata().getNamespace(), ingress.getMetadata().getName(),
                TlsSecrets.blocks(ingress));
    }
}
