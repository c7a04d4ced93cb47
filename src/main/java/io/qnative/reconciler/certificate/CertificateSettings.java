package io.qnative.reconciler.certificate;

import io.qnative.certs.KeyAlgorithm;
import io.qnative.certs.Lifetimes;
import io.qnative.config.QnativeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The process settings of the certificate reconciler ({@code qnative.certificates.*}), validated: a value that
 * cannot work is reported by its key and replaced by the default, so a typo never stops the binary.
 *
 * @param systemNamespace where the CA's Secret and ConfigMap live
 * @param caSecretName the CA's Secret
 * @param caConfigMapName the ConfigMap publishing the CA certificate
 * @param caValidity lifetime of a new CA
 * @param validity lifetime of a serving certificate
 * @param renewBefore renewal margin before expiry
 * @param keyAlgorithm key of the CA and the serving certificates
 * @param certManagerPoll re-read period of a cert-manager Certificate that is not Ready
 * @param certManagerResync re-read period of a Ready cert-manager Certificate
 * @param problems what was wrong with the configured values, each naming its key
 */
public record CertificateSettings(String systemNamespace, String caSecretName, String caConfigMapName,
        Duration caValidity, Duration validity, Duration renewBefore, KeyAlgorithm keyAlgorithm,
        Duration certManagerPoll, Duration certManagerResync, List<String> problems) {

    static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    static final Duration DEFAULT_RENEW_BEFORE = Duration.ofDays(30);

    /** The defaults, for a given system namespace. */
    public static CertificateSettings defaults(String systemNamespace) {
        return new CertificateSettings(systemNamespace, "qnative-ca", "qnative-ca",
                Lifetimes.CA, DEFAULT_VALIDITY, DEFAULT_RENEW_BEFORE,
                KeyAlgorithm.ECDSA_P256, Duration.ofSeconds(5), Duration.ofMinutes(10), List.of());
    }

    /** The settings of {@code config}, invalid values replaced by the defaults and listed in {@link #problems}. */
    public static CertificateSettings from(String systemNamespace, QnativeConfig.Certificates config) {
        CertificateSettings d = defaults(systemNamespace);
        List<String> problems = new ArrayList<>();
        KeyAlgorithm algorithm = d.keyAlgorithm;
        try {
            algorithm = KeyAlgorithm.parse(config.keyAlgorithm());
        } catch (IllegalArgumentException e) {
            problems.add("qnative.certificates.key-algorithm: " + e.getMessage() + "; using " + algorithm.value());
        }
        Duration caValidity = positive("ca-validity", config.caValidity(), d.caValidity, problems);
        Duration validity = positive("validity", config.validity(), d.validity, problems);
        Duration renewBefore = positive("renew-before", config.renewBefore(), d.renewBefore, problems);
        if (validity.compareTo(caValidity) > 0) {
            problems.add("qnative.certificates.validity: " + validity + " is longer than ca-validity " + caValidity
                    + "; certificates end with the CA");
        }
        return new CertificateSettings(systemNamespace, nonBlank("ca-secret-name", config.caSecretName(),
                d.caSecretName, problems), nonBlank("ca-config-map-name", config.caConfigMapName(),
                d.caConfigMapName, problems), caValidity, validity, renewBefore, algorithm,
                positive("cert-manager-poll-interval", config.certManagerPollInterval(), d.certManagerPoll, problems),
                positive("cert-manager-resync-interval", config.certManagerResyncInterval(), d.certManagerResync,
                        problems), List.copyOf(problems));
    }

    private static Duration positive(String key, Duration value, Duration fallback, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add("qnative.certificates." + key + ": must be a positive duration, not " + value + "; using "
                    + fallback);
            return fallback;
        }
        return value;
    }

    private static String nonBlank(String key, String value, String fallback, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("qnative.certificates." + key + ": must not be empty; using " + fallback);
            return fallback;
        }
        return value;
    }
}
