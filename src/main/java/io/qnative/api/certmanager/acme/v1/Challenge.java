package io.qnative.api.certmanager.acme.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.duck.Status;

/**
 * A cert-manager ACME {@code Challenge} ({@code acme.cert-manager.io/v1}): one authorization cert-manager is
 * solving; it owns the HTTP-01 solver's Service.
 */
@Group(Challenge.GROUP)
@Version("v1")
@Kind("Challenge")
@Plural("challenges")
@Singular("challenge")
public class Challenge extends KnativeObject<ChallengeSpec, Status> implements Namespaced {

    /** cert-manager's ACME API group. */
    public static final String GROUP = "acme.cert-manager.io";
}
