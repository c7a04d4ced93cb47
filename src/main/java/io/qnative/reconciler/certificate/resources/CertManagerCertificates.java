package io.qnative.reconciler.certificate.resources;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.certmanager.v1.CertManagerCertificate;
import io.qnative.api.certmanager.v1.CertManagerCertificateSpec;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.config.CertManagerConfig;
import io.qnative.kube.Kmeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Knative's mapping of a Knative Certificate onto a cert-manager Certificate
 * ({@code pkg/reconciler/certificate/resources/cert_manager_certificate.go}): same name, namespace, labels and
 * annotations, controlled by the Knative Certificate; the first DNS name as common name (shortened to
 * {@code k.<spec.domain>}, added as a DNS name, when longer than 63 characters); the issuer of the certificate
 * type ({@code networking.knative.dev/certificate-type}, external-domain by default) from config-certmanager; the
 * Secret labelled with the Knative Certificate's UID.
 */
public final class CertManagerCertificates {

    /** The condition reason of a common name that cannot be shortened. */
    public static final String COMMON_NAME_TOO_LONG = "CommonName Too Long";
    /** The condition reason of an unknown certificate type. */
    public static final String CERTIFICATE_TYPE_INVALID = "certificate type invalid";
    static final int LONGEST = 63;
    static final String PREFIX = "k.";

    private CertManagerCertificates() {
    }

    /**
     * The desired cert-manager Certificate, or why there is none.
     *
     * @param certificate the cert-manager Certificate, null when it cannot be made
     * @param reason why it cannot be made (Ready False's reason), null when it can
     * @param message the explanation
     */
    public record Made(CertManagerCertificate certificate, String reason, String message) {

        static Made failed(String reason, String message) {
            return new Made(null, reason, message);
        }
    }

    /** The cert-manager Certificate for {@code knCert} under {@code config}. */
    public static Made make(CertManagerConfig config, Certificate knCert) {
        List<String> specNames = knCert.getSpec().getDnsNames() == null ? List.of() : knCert.getSpec().getDnsNames();
        String domain = knCert.getSpec().getDomain() == null ? "" : knCert.getSpec().getDomain();
        String commonName = specNames.isEmpty() ? "" : specNames.get(0);
        List<String> dnsNames = new ArrayList<>();
        if (commonName.length() > LONGEST) {
            if (domain.isEmpty()) {
                return Made.failed(COMMON_NAME_TOO_LONG, String.format("error creating cert-manager certificate: "
                        + "CommonName (%s) too long and field spec.Domain on Kcert is empty, cannot attempt to "
                        + "shorten", commonName));
            }
            if (domain.equals(commonName)) {
                return Made.failed(COMMON_NAME_TOO_LONG, String.format("error creating cert-manager certificate: "
                        + "CommonName (%s) longer than 63 characters", commonName));
            }
            if (domain.length() > LONGEST - PREFIX.length()) {
                return Made.failed(COMMON_NAME_TOO_LONG, String.format("error creating cert-manager certificate: "
                        + "CommonName (%s)(length: %d) too long, prepending short prefix of (%s)(length: %d) will "
                        + "be longer than 64 bytes", domain, domain.length(), PREFIX, PREFIX.length()));
            }
            commonName = PREFIX + domain;
            dnsNames.add(commonName);
        }
        dnsNames.addAll(specNames);

        Map<String, String> labels = knCert.getMetadata().getLabels();
        String type = labels == null || labels.get(NetworkingKeys.CERTIFICATE_TYPE) == null
                ? NetworkingKeys.CERTIFICATE_TYPE_EXTERNAL_DOMAIN : labels.get(NetworkingKeys.CERTIFICATE_TYPE);
        CertManagerConfig.IssuerRef issuer = switch (type) {
            case NetworkingKeys.CERTIFICATE_TYPE_CLUSTER_LOCAL_DOMAIN -> config.clusterLocalIssuerRef();
            case NetworkingKeys.CERTIFICATE_TYPE_SYSTEM_INTERNAL -> config.systemInternalIssuerRef();
            case NetworkingKeys.CERTIFICATE_TYPE_EXTERNAL_DOMAIN -> config.issuerRef();
            default -> null;
        };
        if (issuer == null) {
            return Made.failed(CERTIFICATE_TYPE_INVALID, String.format(
                    "error creating cert-manager certificate: certificate type %s is invalid", type));
        }

        CertManagerCertificateSpec spec = new CertManagerCertificateSpec();
        spec.setCommonName(commonName);
        spec.setSecretName(knCert.getSpec().getSecretName());
        spec.setDnsNames(dnsNames);
        spec.setIssuerRef(new CertManagerCertificateSpec.IssuerRef(issuer.name(), issuer.kind(), issuer.group()));
        CertManagerCertificateSpec.SecretTemplate template = new CertManagerCertificateSpec.SecretTemplate();
        template.setLabels(new TreeMap<>(Map.of(NetworkingKeys.CERTIFICATE_UID, knCert.getMetadata().getUid())));
        spec.setSecretTemplate(template);

        CertManagerCertificate cert = new CertManagerCertificate();
        cert.setMetadata(new ObjectMetaBuilder()
                .withName(knCert.getMetadata().getName())
                .withNamespace(knCert.getMetadata().getNamespace())
                .withOwnerReferences(Kmeta.controllerRef(knCert))
                .withAnnotations(Kmeta.nullIfEmpty(knCert.getMetadata().getAnnotations()))
                .withLabels(Kmeta.nullIfEmpty(knCert.getMetadata().getLabels()))
                .build());
        cert.setSpec(spec);
        return new Made(cert, null, null);
    }
}
