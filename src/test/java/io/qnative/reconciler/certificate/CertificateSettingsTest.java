package io.qnative.reconciler.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.qnative.certs.KeyAlgorithm;
import io.qnative.config.QnativeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code qnative.certificates.*} keys: Knative's defaults, overrides, and invalid values named and replaced. */
class CertificateSettingsTest {

    static CertificateSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(QnativeConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return CertificateSettings.from("knative-serving", config.getConfigMapping(QnativeConfig.class)
                .certificates());
    }

    @Test
    void defaultsAreKnativesTenYearCaNinetyDayCertificatesRenewedThirtyDaysAhead() {
        CertificateSettings s = settings(Map.of());
        assertThat(s).isEqualTo(CertificateSettings.defaults("knative-serving"));
        assertThat(s.caValidity()).isEqualTo(Duration.ofDays(3650));
        assertThat(s.validity()).isEqualTo(Duration.ofDays(90));
        assertThat(s.renewBefore()).isEqualTo(Duration.ofDays(30));
        assertThat(s.keyAlgorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
        assertThat(List.of(s.caSecretName(), s.caConfigMapName())).containsExactly("qnative-ca", "qnative-ca");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void everyKeyCanBeSet() {
        CertificateSettings s = settings(Map.of("qnative.certificates.validity", "2m",
                "qnative.certificates.renew-before", "1m", "qnative.certificates.ca-validity", "1d",
                "qnative.certificates.key-algorithm", "rsa-3072", "qnative.certificates.ca-secret-name", "my-ca",
                "qnative.certificates.ca-config-map-name", "my-ca-bundle",
                "qnative.certificates.cert-manager-poll-interval", "1s",
                "qnative.certificates.cert-manager-resync-interval", "1h"));
        assertThat(s).isEqualTo(new CertificateSettings("knative-serving", "my-ca", "my-ca-bundle",
                Duration.ofDays(1), Duration.ofMinutes(2), Duration.ofMinutes(1), KeyAlgorithm.RSA_3072,
                Duration.ofSeconds(1), Duration.ofHours(1), java.util.List.of()));
    }

    @Test
    void invalidValuesAreNamedAndReplacedByTheDefaults() {
        CertificateSettings s = settings(Map.of("qnative.certificates.key-algorithm", "dsa-1024",
                "qnative.certificates.validity", "0s", "qnative.certificates.ca-secret-name", " "));
        assertThat(s.keyAlgorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
        assertThat(s.validity()).isEqualTo(Duration.ofDays(90));
        assertThat(s.caSecretName()).isEqualTo("qnative-ca");
        assertThat(s.problems()).containsExactly(
                "qnative.certificates.key-algorithm: unknown key algorithm \"dsa-1024\", expected one of ecdsa-p256, "
                        + "rsa-2048, rsa-3072, rsa-4096; using ecdsa-p256",
                "qnative.certificates.validity: must be a positive duration, not PT0S; using PT2160H",
                "qnative.certificates.ca-secret-name: must not be empty; using qnative-ca");
    }

    @Test
    void aValidityBeyondTheCaIsReported() {
        CertificateSettings s = settings(Map.of("qnative.certificates.ca-validity", "30d"));
        assertThat(s.problems()).containsExactly("qnative.certificates.validity: PT2160H is longer than ca-validity "
                + "PT720H; certificates end with the CA");
    }
}
