package io.qnative.certs;

import java.time.Duration;

/**
 * Default lifetimes, in a class without BouncyCastle references: reading {@link CertificateAuthority}'s constant
 * initializes that class, whose verification loads BouncyCastle classes, and the first of them makes the JDK check
 * the signature of BouncyCastle's signed jar against its ~0.9 MB manifest; the configuration read at startup does not
 * need any of it (docs/memory-and-startup.md).
 */
public final class Lifetimes {

    /** Knative's CA lifetime ({@code knative.dev/networking/pkg/certificates/reconciler}: 10 years). */
    public static final Duration CA = Duration.ofDays(3650);

    private Lifetimes() {
    }
}
