package io.qnative.api.networking.v1alpha1;

import io.qnative.api.duck.ConditionSet;

/** Reasons and the condition set of a KCertificate ({@code certificate_lifecycle.go}): Ready only. */
public final class CertificateConditions {

    /** {@code Ready} alone. */
    public static final ConditionSet SET = ConditionSet.LIVING;

    private CertificateConditions() {
    }
}
