package io.qnative.reconciler.certificate;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.certmanager.acme.v1.Challenge;
import io.qnative.api.certmanager.v1.CertManagerCertificate;
import io.qnative.api.certmanager.v1.CertManagerCertificateSpec;
import io.qnative.api.certmanager.v1.ClusterIssuer;
import io.qnative.api.certmanager.v1.Issuer;
import io.qnative.api.certmanager.v1.IssuerSpec;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.kube.Lister;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

/**
 * The HTTP-01 challenges of a cert-manager Certificate, as Knative's net-certmanager
 * {@code pkg/reconciler/certificate/certificate.go} ({@code setHTTP01Challenges}, {@code isHTTPChallenge}): when
 * the issuer's first ACME solver is http01, each DNS name's solver Service (cert-manager labels it
 * {@value #HTTP_DOMAIN_LABEL} = the Adler-32 checksum of the name, {@code pkg/issuer/acme/http/pod.go}) and the
 * Challenge that owns it give {@code http://<dnsName>/.well-known/acme-challenge/<token>}, which the Route's or
 * DomainMapping's KIngress then routes to that Service.
 */
final class Http01Challenges {

    static final String HTTP_DOMAIN_LABEL = "acme.cert-manager.io/http-domain";
    static final String HTTP_CHALLENGE_PATH = "/.well-known/acme-challenge";

    /** Reads cert-manager's issuers and Challenges; null when there is none. */
    interface Reader {
        /** The Issuer ({@code namespace} set) or ClusterIssuer ({@code namespace} null) named. */
        IssuerSpec issuer(String namespace, String name);

        /** A Challenge. */
        Challenge challenge(String namespace, String name);

        /** Straight from the API server, as the cert-manager Certificate is (docs/certificates.md). */
        static Reader of(KubernetesClient client) {
            return new Reader() {
                @Override
                public IssuerSpec issuer(String namespace, String name) {
                    if (namespace == null) {
                        ClusterIssuer ci = client.resources(ClusterIssuer.class).withName(name).get();
                        return ci == null ? null : spec(ci.getSpec());
                    }
                    Issuer i = client.resources(Issuer.class).inNamespace(namespace).withName(name).get();
                    return i == null ? null : spec(i.getSpec());
                }

                @Override
                public Challenge challenge(String namespace, String name) {
                    return client.resources(Challenge.class).inNamespace(namespace).withName(name).get();
                }
            };
        }
    }

    private final Reader reader;
    private final Lister<Service> solverServices;

    /**
     * @param solverServices Services carrying {@value #HTTP_DOMAIN_LABEL} (any value)
     */
    Http01Challenges(Reader reader, Lister<Service> solverServices) {
        this.reader = reader;
        this.solverServices = solverServices;
    }

    /** An issuer with no spec reads as one with an empty spec. */
    static IssuerSpec spec(IssuerSpec spec) {
        return spec == null ? new IssuerSpec() : spec;
    }

    /** cert-manager's {@value #HTTP_DOMAIN_LABEL} value for a DNS name: its Adler-32 checksum in decimal. */
    static String domainHash(String dnsName) {
        Adler32 adler = new Adler32();
        adler.update(dnsName.getBytes(StandardCharsets.UTF_8));
        return Long.toString(adler.getValue());
    }

    /**
     * The challenges to serve: null when the issuer does not solve over HTTP-01 (the status keeps what it has, as
     * Knative), else one per solver Service of each DNS name.
     *
     * @throws IllegalStateException when the issuer does not exist, a DNS name has no solver Service yet (Knative's
     *         message), or a solver Service's Challenge cannot be read
     */
    List<HTTP01Challenge> of(CertManagerCertificate cmCert) {
        CertManagerCertificateSpec spec = cmCert.getSpec();
        String namespace = cmCert.getMetadata().getNamespace();
        if (!isHttp01(spec.getIssuerRef(), namespace)) {
            return null;
        }
        List<String> names = spec.getDnsNames() == null ? List.of() : spec.getDnsNames();
        List<HTTP01Challenge> challenges = new ArrayList<>(names.size());
        for (String dnsName : names) {
            String hash = domainHash(dnsName);
            List<Service> svcs = solverServices.list(namespace).stream()
                    .filter(s -> hash.equals(labels(s).get(HTTP_DOMAIN_LABEL)))
                    .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
            if (svcs.isEmpty()) {
                throw new IllegalStateException("no challenge solver service for domain " + dnsName + "; selector="
                        + HTTP_DOMAIN_LABEL + "=" + hash);
            }
            for (Service svc : svcs) {
                challenges.add(challenge(svc));
            }
        }
        return challenges;
    }

    private HTTP01Challenge challenge(Service svc) {
        String where = svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
        List<OwnerReference> owners = svc.getMetadata().getOwnerReferences();
        OwnerReference owner = owners == null ? null : owners.stream()
                .filter(o -> "Challenge".equals(o.getKind())).findFirst()
                .orElse(owners.isEmpty() ? null : owners.get(0));
        if (owner == null) {
            throw new IllegalStateException("challenge solver service " + where + " has no owner Challenge");
        }
        Challenge ch = reader.challenge(svc.getMetadata().getNamespace(), owner.getName());
        if (ch == null || ch.getSpec() == null) {
            throw new IllegalStateException("challenge." + Challenge.GROUP + " \"" + owner.getName()
                    + "\" not found");
        }
        if (svc.getSpec() == null || svc.getSpec().getPorts() == null || svc.getSpec().getPorts().isEmpty()) {
            throw new IllegalStateException("challenge solver service " + where + " has no port");
        }
        HTTP01Challenge c = new HTTP01Challenge();
        c.setUrl("http://" + ch.getSpec().getDnsName() + HTTP_CHALLENGE_PATH + "/" + ch.getSpec().getToken());
        c.setServiceName(svc.getMetadata().getName());
        c.setServiceNamespace(svc.getMetadata().getNamespace());
        c.setServicePort(svc.getSpec().getPorts().get(0).getTargetPort());
        return c;
    }

    /**
     * Knative's {@code isHTTPChallenge}: the first solver of the named issuer is http01. An issuer of another API
     * group (an external issuer) has no ACME solvers to read and is not HTTP-01.
     */
    private boolean isHttp01(CertManagerCertificateSpec.IssuerRef ref, String namespace) {
        if (ref == null) {
            return false;
        }
        String group = ref.getGroup();
        if (group != null && !group.isEmpty() && !CertManagerCertificate.GROUP.equals(group)) {
            return false;
        }
        boolean cluster = "ClusterIssuer".equals(ref.getKind());
        IssuerSpec issuer = reader.issuer(cluster ? null : namespace, ref.getName());
        if (issuer == null) {
            throw new IllegalStateException((cluster ? "clusterissuer" : "issuer") + "."
                    + CertManagerCertificate.GROUP + " \"" + ref.getName() + "\" not found");
        }
        return issuer.isHttp01();
    }

    private static Map<String, String> labels(Service s) {
        Map<String, String> l = s.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
