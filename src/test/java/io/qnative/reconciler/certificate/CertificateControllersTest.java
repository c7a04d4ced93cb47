package io.qnative.reconciler.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.kube.Lister;
import io.qnative.reconciler.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Certificates a change queues, and which class a Certificate has. */
class CertificateControllersTest {

    static final CertificateSettings SETTINGS = CertificateSettings.defaults("knative-serving");

    static Certificate kcert(String name, Map<String, String> annotations) {
        Certificate c = CertificateTableTest.kcert();
        c.getMetadata().setName(name);
        c.getMetadata().setAnnotations(annotations);
        return c;
    }

    @Test
    void aChangeOfTheCaSecretOrConfigMapQueuesEveryCertificate() {
        Lister<Certificate> certs = Lister.of(List.of(kcert("a", Map.of()), kcert("b", Map.of())));
        List<ObjectKey> all = List.of(new ObjectKey("default", "a"), new ObjectKey("default", "b"));
        assertThat(CertificateControllers.all(certs, new SecretBuilder().withNewMetadata().withName("qnative-ca")
                .withNamespace("knative-serving").endMetadata().build(), SETTINGS)).containsExactlyElementsOf(all);
        assertThat(CertificateControllers.all(certs, new ConfigMapBuilder().withNewMetadata().withName("qnative-ca")
                .withNamespace("knative-serving").endMetadata().build(), SETTINGS)).containsExactlyElementsOf(all);
        assertThat(CertificateControllers.all(certs, new SecretBuilder().withNewMetadata().withName("other")
                .withNamespace("knative-serving").endMetadata().build(), SETTINGS)).isEmpty();
    }

    @Test
    void aSolverServiceQueuesTheCertificatesOfItsNamespaceNamingItsDomain() {
        Certificate other = kcert("other", Map.of());
        other.getSpec().setDnsNames(List.of("other.default.example.com"));
        Certificate elsewhere = kcert("elsewhere", Map.of());
        elsewhere.getMetadata().setNamespace("team-b");
        Lister<Certificate> certs = Lister.of(List.of(kcert("a", Map.of()), other, elsewhere));
        assertThat(CertificateControllers.solving(certs,
                CertificateTableTest.solverService("cm-acme-http-solver-x", "ch")))
                .containsExactly(new ObjectKey("default", "a"));
        assertThat(CertificateControllers.solving(certs,
                CertificateTableTest.solverService("cm-acme-http-solver-y", "ch", "99"))).isEmpty();
    }

    @Test
    void theClassIsTheAnnotationEitherSpellingElseConfigNetworks() {
        String qnative = "qnative.certificate.networking.knative.dev";
        String certManager = "cert-manager.certificate.networking.knative.dev";
        assertThat(CertificateReconciler.classOf(kcert("a", null), qnative)).isEqualTo(qnative);
        assertThat(CertificateReconciler.classOf(kcert("a", Map.of()), certManager)).isEqualTo(certManager);
        assertThat(CertificateReconciler.classOf(kcert("a",
                Map.of("networking.knative.dev/certificate.class", certManager)), qnative)).isEqualTo(certManager);
        assertThat(CertificateReconciler.classOf(kcert("a",
                Map.of("networking.knative.dev/certificate-class", certManager)), qnative)).isEqualTo(certManager);
        assertThat(CertificateReconciler.isOurs(qnative)).isTrue();
        assertThat(CertificateReconciler.isOurs(certManager)).isTrue();
        assertThat(CertificateReconciler.isOurs("istio.certificate.networking.knative.dev")).isFalse();
    }
}
