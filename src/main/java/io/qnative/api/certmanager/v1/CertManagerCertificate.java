package io.qnative.api.certmanager.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;

/** A cert-manager {@code Certificate} ({@code cert-manager.io/v1}): a certificate cert-manager keeps in a Secret. */
@Group(CertManagerCertificate.GROUP)
@Version("v1")
@Kind("Certificate")
@Plural("certificates")
@Singular("certificate")
public class CertManagerCertificate extends KnativeObject<CertManagerCertificateSpec, CertManagerCertificateStatus>
        implements Namespaced {

    /** cert-manager's API group. */
    public static final String GROUP = "cert-manager.io";
}
