package io.qnative.reconciler.certificate.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.ServingCertificate;
import io.qnative.kube.Kmeta;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Secrets and the ConfigMap of the built-in issuer (docs/certificates.md). Every Secret is of type
 * {@code kubernetes.io/tls} with {@code tls.crt}, {@code tls.key} and {@code ca.crt}, so the CA's Secret also serves
 * as a cert-manager CA issuer's Secret and a Certificate's Secret is what an ingress reads.
 */
public final class CertificateSecrets {

    /** The TLS Secret type. */
    public static final String TLS_TYPE = "kubernetes.io/tls";
    /** The certificate, then its chain. */
    public static final String TLS_CRT = "tls.crt";
    /** The private key. */
    public static final String TLS_KEY = "tls.key";
    /** The CA certificate. */
    public static final String CA_CRT = "ca.crt";
    /** Labels of the CA's Secret and ConfigMap. */
    public static final Map<String, String> CA_LABELS = Map.of("app.kubernetes.io/name", "qnative",
            "app.kubernetes.io/component", "certificate-authority");

    private CertificateSecrets() {
    }

    /**
     * The Secret {@code spec.secretName} of {@code cert}: the serving certificate with its CA, labelled with the
     * Certificate's UID as Knative labels it, controlled by the Certificate.
     */
    public static Secret serving(Certificate cert, ServingCertificate serving) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(cert.getSpec().getSecretName())
                .withNamespace(cert.getMetadata().getNamespace())
                .withLabels(new TreeMap<>(Map.of(NetworkingKeys.CERTIFICATE_UID, cert.getMetadata().getUid())))
                .withOwnerReferences(Kmeta.controllerRef(cert))
                .endMetadata()
                .withType(TLS_TYPE)
                .withData(data(serving.chainPem(), serving.privateKeyPem(), serving.caPem()))
                .build();
    }

    /** The CA's Secret {@code namespace/name}. */
    public static Secret authority(String namespace, String name, CertificateAuthority ca) {
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(new TreeMap<>(CA_LABELS))
                .endMetadata()
                .withType(TLS_TYPE)
                .withData(data(ca.certificatePem(), ca.privateKeyPem(), ca.certificatePem()))
                .build();
    }

    /** The ConfigMap {@code namespace/name} publishing the CA certificate as {@code ca.crt}. */
    public static ConfigMap trustBundle(String namespace, String name, CertificateAuthority ca) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(new TreeMap<>(CA_LABELS))
                .endMetadata()
                .withData(new TreeMap<>(Map.of(CA_CRT, ca.certificatePem())))
                .build();
    }

    /** The decoded text of one key of a Secret, empty when absent or not base64. */
    public static Optional<String> text(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            try {
                return Optional.of(new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        Map<String, String> plain = secret.getStringData();
        return plain == null ? Optional.empty() : Optional.ofNullable(plain.get(key));
    }

    private static Map<String, String> data(String crt, String key, String ca) {
        Map<String, String> data = new TreeMap<>();
        data.put(CA_CRT, encode(ca));
        data.put(TLS_CRT, encode(crt));
        data.put(TLS_KEY, encode(key));
        return data;
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
