package io.qnative.api.certmanager.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qnative.api.duck.PreservingObject;
import java.util.List;
import java.util.Map;

/** The fields of a cert-manager Certificate's spec Knative sets ({@code cmv1.CertificateSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"commonName", "dnsNames", "secretName", "issuerRef", "secretTemplate"})
public final class CertManagerCertificateSpec extends PreservingObject {

    private String commonName;
    private List<String> dnsNames;
    private String secretName;
    private IssuerRef issuerRef;
    private SecretTemplate secretTemplate;

    /** The subject's common name. */
    public String getCommonName() {
        return commonName;
    }

    /** Sets {@link #getCommonName()}. */
    public void setCommonName(String commonName) {
        this.commonName = commonName;
    }

    /** The subject alternative DNS names. */
    public List<String> getDnsNames() {
        return dnsNames;
    }

    /** Sets {@link #getDnsNames()}. */
    public void setDnsNames(List<String> dnsNames) {
        this.dnsNames = dnsNames;
    }

    /** The Secret cert-manager writes. */
    public String getSecretName() {
        return secretName;
    }

    /** Sets {@link #getSecretName()}. */
    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    /** The issuer that signs. */
    public IssuerRef getIssuerRef() {
        return issuerRef;
    }

    /** Sets {@link #getIssuerRef()}. */
    public void setIssuerRef(IssuerRef issuerRef) {
        this.issuerRef = issuerRef;
    }

    /** Labels and annotations cert-manager puts on the Secret. */
    public SecretTemplate getSecretTemplate() {
        return secretTemplate;
    }

    /** Sets {@link #getSecretTemplate()}. */
    public void setSecretTemplate(SecretTemplate secretTemplate) {
        this.secretTemplate = secretTemplate;
    }

    /** {@code cmmeta.ObjectReference}: an Issuer or ClusterIssuer. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "kind", "group"})
    public static final class IssuerRef extends PreservingObject {

        private String name;
        private String kind;
        private String group;

        /** No reference yet (Jackson). */
        public IssuerRef() {
        }

        /** A reference to {@code kind}/{@code name} of API group {@code group} (empty: cert-manager's own). */
        public IssuerRef(String name, String kind, String group) {
            this.name = name;
            this.kind = kind;
            this.group = group;
        }

        /** The issuer's name. */
        public String getName() {
            return name;
        }

        /** Sets {@link #getName()}. */
        public void setName(String name) {
            this.name = name;
        }

        /** {@code Issuer} or {@code ClusterIssuer}. */
        public String getKind() {
            return kind;
        }

        /** Sets {@link #getKind()}. */
        public void setKind(String kind) {
            this.kind = kind;
        }

        /** The issuer's API group. */
        public String getGroup() {
            return group;
        }

        /** Sets {@link #getGroup()}. */
        public void setGroup(String group) {
            this.group = group;
        }
    }

    /** {@code cmv1.CertificateSecretTemplate}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"annotations", "labels"})
    public static final class SecretTemplate extends PreservingObject {

        private Map<String, String> annotations;
        private Map<String, String> labels;

        /** Annotations of the Secret. */
        public Map<String, String> getAnnotations() {
            return annotations;
        }

        /** Sets {@link #getAnnotations()}. */
        public void setAnnotations(Map<String, String> annotations) {
            this.annotations = annotations;
        }

        /** Labels of the Secret. */
        public Map<String, String> getLabels() {
            return labels;
        }

        /** Sets {@link #getLabels()}. */
        public void setLabels(Map<String, String> labels) {
            this.labels = labels;
        }
    }
}
