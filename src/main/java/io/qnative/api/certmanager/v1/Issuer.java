package io.qnative.api.certmanager.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.duck.Status;

/** A cert-manager {@code Issuer} ({@code cert-manager.io/v1}): signs certificates of its own namespace. */
@Group(CertManagerCertificate.GROUP)
@Version("v1")
@Kind("Issuer")
@Plural("issuers")
@Singular("issuer")
public class Issuer extends KnativeObject<IssuerSpec, Status> implements Namespaced {
}
