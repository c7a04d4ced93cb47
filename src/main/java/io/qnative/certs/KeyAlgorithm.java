package io.qnative.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key types qnative issues: ECDSA P-256 by default (what cert-manager's {@code ECDSA} key algorithm with size
 * 256 gives), RSA for clients that need it.
 */
public enum KeyAlgorithm {
    /** ECDSA on curve P-256 (secp256r1), signed with SHA-256. */
    ECDSA_P256("ecdsa-p256"),
    /** RSA 2048 bits, signed with SHA-256. */
    RSA_2048("rsa-2048"),
    /** RSA 3072 bits, signed with SHA-256. */
    RSA_3072("rsa-3072"),
    /** RSA 4096 bits, signed with SHA-256. */
    RSA_4096("rsa-4096");

    private final String value;

    KeyAlgorithm(String value) {
        this.value = value;
    }

    /** The configuration spelling, e.g. {@code ecdsa-p256}. */
    public String value() {
        return value;
    }

    /**
     * The algorithm a configuration value names (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KeyAlgorithm parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm a : values()) {
            if (a.value.equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm \"" + value + "\", expected one of "
                + Arrays.stream(values()).map(KeyAlgorithm::value).collect(Collectors.joining(", ")));
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        if (this == ECDSA_P256) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(Integer.parseInt(value.substring("rsa-".length())), random);
        return generator.generateKeyPair();
    }

    /** The signature algorithm a key of any supported type signs with. */
    static String signatureAlgorithm(PrivateKey signer) {
        return "EC".equals(signer.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }
}
