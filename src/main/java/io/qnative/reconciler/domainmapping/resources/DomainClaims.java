package io.qnative.reconciler.domainmapping.resources;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaimSpec;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.reconciler.names.Names;

/**
 * The ClusterDomainClaim a DomainMapping creates when {@code autocreate-cluster-domain-claims} is on (Knative's
 * {@code pkg/reconciler/domainmapping/resources/domainclaim.go}): cluster-scoped, named after the domain, owned by
 * nothing (a claim must outlive a mapping only when no finalizer releases it), granting the mapping's namespace.
 */
public final class DomainClaims {

    private DomainClaims() {
    }

    /** The claim of {@code dm}'s domain for {@code dm}'s namespace. */
    public static ClusterDomainClaim make(DomainMapping dm) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(Names.domainClaim(dm));
        ClusterDomainClaimSpec spec = new ClusterDomainClaimSpec();
        spec.setNamespace(dm.getMetadata().getNamespace());
        ClusterDomainClaim claim = new ClusterDomainClaim();
        claim.setMetadata(meta);
        claim.setSpec(spec);
        return claim;
    }
}
