package io.qnative.api.certmanager.v1;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.duck.Status;

/** A cert-manager {@code ClusterIssuer} ({@code cert-manager.io/v1}): an Issuer for every namespace. */
@Group(CertManagerCertificate.GROUP)
@Version("v1")
@Kind("ClusterIssuer")
@Plural("clusterissuers")
@Singular("clusterissuer")
public class ClusterIssuer extends KnativeObject<IssuerSpec, Status> {
}
