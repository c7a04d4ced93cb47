package io.qnative.api.certmanager.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qnative.api.duck.PreservingObject;
import java.util.List;

/**
 * The part of a cert-manager Issuer's or ClusterIssuer's spec Knative reads ({@code cmv1.IssuerSpec}): whether it
 * is an ACME issuer and its solvers. Every other field (CA, Vault, selfSigned, the ACME account…) is kept as read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class IssuerSpec extends PreservingObject {

    private Acme acme;

    /** The ACME configuration; null for every other kind of issuer. */
    public Acme getAcme() {
        return acme;
    }

    /** Sets {@link #getAcme()}. */
    public void setAcme(Acme acme) {
        this.acme = acme;
    }

    /**
     * Whether the issuer solves challenges over HTTP: Knative's {@code isHTTPChallenge}
     * ({@code pkg/reconciler/certificate/certificate.go} of net-certmanager) looks at the first solver only.
     */
    public boolean isHttp01() {
        return acme != null && acme.getSolvers() != null && !acme.getSolvers().isEmpty()
                && acme.getSolvers().get(0) != null && acme.getSolvers().get(0).getHttp01() != null;
    }

    /** {@code acmev1.ACMEIssuer}: the solvers; server, email and the account key are kept as read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Acme extends PreservingObject {

        private List<Solver> solvers;

        /** The challenge solvers, in order. */
        public List<Solver> getSolvers() {
            return solvers;
        }

        /** Sets {@link #getSolvers()}. */
        public void setSolvers(List<Solver> solvers) {
            this.solvers = solvers;
        }
    }

    /** {@code acmev1.ACMEChallengeSolver}: an http01 or dns01 solver (their settings kept as read). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Solver extends PreservingObject {

        private Object http01;
        private Object dns01;

        /** The HTTP-01 solver's settings; null when this solver is not HTTP-01. */
        public Object getHttp01() {
            return http01;
        }

        /** Sets {@link #getHttp01()}. */
        public void setHttp01(Object http01) {
            this.http01 = http01;
        }

        /** The DNS-01 solver's settings; null when this solver is not DNS-01. */
        public Object getDns01() {
            return dns01;
        }

        /** Sets {@link #getDns01()}. */
        public void setDns01(Object dns01) {
            this.dns01 = dns01;
        }
    }
}
