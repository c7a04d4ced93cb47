package io.qnative.reconciler.route;

import static io.qnative.reconciler.route.RouteFixtures.NS;
import static io.qnative.reconciler.route.RouteFixtures.cfg;
import static io.qnative.reconciler.route.RouteFixtures.tag;
import static io.qnative.reconciler.route.RouteFixtures.rev;
import static io.qnative.reconciler.route.RouteTableTest.ADDRESS;
import static io.qnative.reconciler.route.RouteTableTest.EXAMPLE;
import static io.qnative.reconciler.route.RouteTableTest.KEY;
import static io.qnative.reconciler.route.RouteTableTest.TRAFFIC_C1;
import static io.qnative.reconciler.route.RouteTableTest.created;
import static io.qnative.reconciler.route.RouteTableTest.ownedBySomeoneElse;
import static io.qnative.reconciler.route.RouteTableTest.placeholder;
import static io.qnative.reconciler.route.RouteTableTest.route;
import static io.qnative.reconciler.route.RouteTableTest.simple;
import static io.qnative.reconciler.route.RouteTableTest.status;
import static io.qnative.reconciler.route.RouteTableTest.traffic;
import static io.qnative.reconciler.route.RouteTableTest.two;
import static io.qnative.testing.table.Literals.object;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.v1.Route;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.route.domains.Visibilities;
import io.qnative.reconciler.route.resources.Ingresses;
import io.qnative.reconciler.route.traffic.TrafficConfig;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Route reconciler's TLS rows, after Knative's {@code pkg/reconciler/route/table_test.go}
 * ({@code TestReconcileEnableExternalDomainTLS}, the cluster-local-domain-tls and HTTP downgrade cases): the
 * Certificates the Route owns written out as YAML literals, the KIngress TLS blocks and challenge paths, the https
 * URLs and every CertificateProvisioned outcome, plus failure rows for Certificate create and update.
 */
class RouteTlsTableTest {

    static final ConfigSnapshot TLS = RouteFixtures.with(EXAMPLE, "config-network",
            Map.of("external-domain-tls", "Enabled"));
    static final ConfigSnapshot TLS_REDIRECTED = RouteFixtures.with(EXAMPLE, "config-network",
            Map.of("external-domain-tls", "Enabled", "http-protocol", "Redirected"));
    static final ConfigSnapshot LOCAL_TLS = RouteFixtures.with(EXAMPLE, "config-network",
            Map.of("cluster-local-domain-tls", "Enabled"));

    static final String CERT = "route-uid-r";

    /** The Certificate of the Route's external host, exactly as Knative's MakeCertificates writes it. */
    static Certificate cert(Route r) {
        Certificate c = object("""
                apiVersion: networking.internal.knative.dev/v1alpha1
                kind: Certificate
                metadata:
                  name: route-uid-r
                  namespace: test-ns
                  labels:
                    serving.knative.dev/route: r
                    networking.knative.dev/certificate-type: external-domain
                  annotations:
                    networking.knative.dev/certificate.class: qnative.certificate.networking.knative.dev
                spec:
                  dnsNames: [r.test-ns.example.com]
                  domain: example.com
                  secretName: route-uid-r
                """, Certificate.class);
        c.getMetadata().setOwnerReferences(List.of(Kmeta.controllerRef(r)));
        return c;
    }

    static <T extends HasMetadata> T withCertStatus(T c, String status) {
        return Literals.withStatus(c, status);
    }

    static final String CERT_READY = """
            conditions:
            - {type: Ready, status: "True"}
            """;

    static final String CERT_FAILED = """
            conditions:
            - {type: Ready, status: "False", reason: Failed, message: issuer down}
            """;

    static final String CERT_PENDING_CHALLENGE = """
            conditions:
            - {type: Ready, status: Unknown}
            http01Challenges:
            - {url: "http://r.test-ns.example.com/.well-known/acme-challenge/tok", serviceName: solver,
               serviceNamespace: test-ns, servicePort: 8089}
            """;

    static IngressTLS tls(String secret, String... hosts) {
        IngressTLS t = new IngressTLS();
        t.setHosts(List.of(hosts));
        t.setSecretName(secret);
        t.setSecretNamespace(NS);
        return t;
    }

    static Ingress ingress(ConfigSnapshot config, Route r, List<IngressTLS> tls, List<HTTP01Challenge> acme,
            HasMetadata... objects) {
        TrafficConfig t = traffic(r, objects);
        return Ingresses.make(config, r, t, Visibilities.resolve(config, r, n -> Optional.empty()),
                t.buildRollout(), tls, acme);
    }

    static final String HTTPS_URL = """
            url: https://r.test-ns.example.com
            """;
    static final String HTTP_URL = """
            url: http://r.test-ns.example.com
            """;

    static String conditions(String certificateProvisioned) {
        return """
                observedGeneration: 1
                conditions:
                - {type: AllTrafficAssigned, status: "True"}
                """ + certificateProvisioned + """
                - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                """;
    }

    static final String PROVISIONED = """
            - {type: CertificateProvisioned, status: "True"}
            """;

    // ---- rows ----

    static Row wildcardReused() {
        Route r = route(cfg("c", 100));
        Certificate wildcard = withCertStatus(object("""
                apiVersion: networking.internal.knative.dev/v1alpha1
                kind: Certificate
                metadata:
                  name: test-ns.example.com
                  namespace: test-ns
                  labels: {networking.knative.dev/wildcardDomain: example.com}
                spec:
                  dnsNames: ["*.test-ns.example.com"]
                  domain: example.com
                  secretName: test-ns.example.com
                """, Certificate.class), CERT_READY);
        return Row.named("check that existing wildcard cert is used when creating a Route").key(KEY).config(TLS)
                .objects(r, wildcard).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS, r,
                        List.of(tls("test-ns.example.com", "r.test-ns.example.com")), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions(PROVISIONED) + HTTPS_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row certificateCreated() {
        Route r = route(cfg("c", 100));
        return Row.named("check that Certificate is correctly configured when creating a Route").key(KEY)
                .config(TLS).objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), cert(r), ingress(TLS, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions("""
                        - {type: CertificateProvisioned, status: "True", reason: HTTPDowngrade, message: Certificate route-uid-r is not ready downgrade HTTP.}
                        """) + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Certificate", CERT), created("Ingress", "r"));
    }

    static Row certificateReady() {
        Route r = route(cfg("c", 100));
        return Row.named("check that IngressTLS is correctly configured when Certificate is ready").key(KEY)
                .config(TLS).objects(r, withCertStatus(cert(r), CERT_READY)).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS, r,
                        List.of(tls(CERT, "r.test-ns.example.com")), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions(PROVISIONED) + HTTPS_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    /**
     * The live Certificate names another host: it is corrected and then, being stale in the cache, deleted as an
     * orphan (as Knative's row). Unlike Knative's fake client, the API server bumps the generation of the updated
     * spec, so the Certificate is not Ready until its reconciler observes it: HTTP downgrade, no TLS block yet.
     */
    static Row certificateUpdated() {
        Route r = route(cfg("c", 100));
        Certificate stale = withCertStatus(cert(r), CERT_READY);
        stale.getSpec().setDnsNames(List.of("abc.test.example.com"));
        return Row.named("check that Certificate and IngressTLS are correctly updated when updating a Route")
                .key(KEY).config(TLS).objects(r, stale).objects(simple())
                .wantUpdates(withCertStatus(cert(r), CERT_READY))
                .wantDeletes(NS + "/certificates/" + CERT)
                .wantCreates(placeholder(r, ""), ingress(TLS, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions("""
                        - {type: CertificateProvisioned, status: "True", reason: HTTPDowngrade, message: Certificate route-uid-r is not ready downgrade HTTP.}
                        """) + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), "Normal Deleted Deleted Certificate \"" + CERT + "\"",
                        created("Ingress", "r"));
    }

    static Row unusedCertificateRemoved() {
        Route r = route(cfg("c", 100));
        Certificate keep = withCertStatus(cert(r), CERT_READY);
        keep.getMetadata().setName("route-uid-r-keep");
        keep.getSpec().setDnsNames(List.of("r.test-ns.example.com", "abc.test.example.com"));
        Certificate unused = withCertStatus(cert(r), CERT_READY);
        unused.getMetadata().setName("route-uid-r-unused");
        unused.getSpec().setDnsNames(List.of("abc.test.example.com"));
        return Row.named("check that unused certificate removal works as intended").key(KEY).config(TLS)
                .objects(r, withCertStatus(cert(r), CERT_READY), keep, unused).objects(simple())
                .wantDeletes(NS + "/certificates/route-uid-r-unused")
                .wantCreates(placeholder(r, ""), ingress(TLS, r,
                        List.of(tls(CERT, "r.test-ns.example.com")), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions(PROVISIONED) + HTTPS_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), "Normal Deleted Deleted Certificate \"route-uid-r-unused\"",
                        created("Ingress", "r"));
    }

    static Row notReadyRedirected() {
        Route r = route(cfg("c", 100));
        return Row.named("certificate not ready with http-protocol Redirected: CertificateNotReady, https url")
                .key(KEY).config(TLS_REDIRECTED).objects(r, withCertStatus(cert(r), CERT_PENDING_CHALLENGE))
                .objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS_REDIRECTED, r, List.of(),
                        withCertStatus(cert(r), CERT_PENDING_CHALLENGE).getStatus().getHttp01Challenges(),
                        simple()))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown, reason: CertificateNotReady, message: Certificate route-uid-r is not ready.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        """ + HTTPS_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row failedRedirected() {
        Route r = route(cfg("c", 100));
        return Row.named("certificate failed with http-protocol Redirected: CertificateProvisionFailed").key(KEY)
                .config(TLS_REDIRECTED).objects(r, withCertStatus(cert(r), CERT_FAILED)).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS_REDIRECTED, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        """ + HTTPS_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row foreignCertificate() {
        Route r = route(cfg("c", 100));
        return Row.named("unhappy about ownership of certificate").key(KEY).config(TLS)
                .objects(r, ownedBySomeoneElse(cert(r))).objects(simple())
                .wantCreates(placeholder(r, ""))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "False", reason: CertificateNotOwned, message: There is an existing certificate route-uid-r that we don't own.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateNotOwned, message: There is an existing certificate route-uid-r that we don't own.}
                        """ + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"))
                .wantErr();
    }

    static Row createCertificateFails() {
        Route r = route(cfg("c", 100));
        return Row.named("failure creating certificate").key(KEY).config(TLS).objects(r).objects(simple())
                .withReactors(induceFailure("create", "certificates"))
                .wantCreates(placeholder(r, ""), cert(r))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        """ + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), "Warning CreationFailed Failed to create Certificate \""
                        + CERT + "\": inducing failure for create certificates")
                .wantErr();
    }

    static Row updateCertificateFails() {
        Route r = route(cfg("c", 100));
        Certificate stale = withCertStatus(cert(r), CERT_READY);
        stale.getSpec().setDomain("old.example.com");
        return Row.named("failure updating certificate").key(KEY).config(TLS).objects(r, stale).objects(simple())
                .withReactors(induceFailure("update", "certificates"))
                .wantCreates(placeholder(r, ""))
                .wantUpdates(withCertStatus(cert(r), CERT_READY))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateProvisionFailed, message: Certificate route-uid-r fails to be provisioned.}
                        """ + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), "Warning UpdateFailed Failed to update Certificate \""
                        + CERT + "\": inducing failure for update certificates")
                .wantErr();
    }

    static Row disabledByAnnotation() {
        Route r = RouteFixtures.annotations(route(cfg("c", 100)),
                "networking.knative.dev/disable-external-domain-tls", "true");
        return Row.named("external-domain-tls disabled by annotation: TLSNotEnabled, no certificate").key(KEY)
                .config(TLS).objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions("""
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
                        """) + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row clusterLocalWithExternalTls() {
        Route r = RouteTableTest.clusterLocal(route(cfg("c", 100)));
        return Row.named("cluster-local route with external-domain-tls: TLSNotEnabled for cluster-local").key(KEY)
                .config(TLS).objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(TLS, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions("""
                        - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: TLS is not enabled for cluster-local}
                        """) + """
                        url: http://r.test-ns.svc.cluster.local
                        """ + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Row tagCertificates() {
        Route r = route(tag("current", cfg("c", 100)), tag("prev", rev("c-1", 0)));
        Certificate main = withCertStatus(cert(r), CERT_READY);
        Certificate current = withCertStatus(cert(r), CERT_READY);
        current.getMetadata().setName("route-uid-r-200999684");
        current.getSpec().setSecretName("route-uid-r-200999684");
        current.getSpec().setDnsNames(List.of("current-r.test-ns.example.com"));
        Certificate prev = withCertStatus(cert(r), CERT_READY);
        prev.getMetadata().setName("route-uid-r-73007550");
        prev.getSpec().setSecretName("route-uid-r-73007550");
        prev.getSpec().setDnsNames(List.of("prev-r.test-ns.example.com"));
        return Row.named("tags get their own certificates and https urls").key(KEY).config(TLS)
                .objects(r, main, current, prev).objects(two())
                .wantCreates(placeholder(r, ""), placeholder(r, "current"), placeholder(r, "prev"),
                        ingress(TLS, r, List.of(tls("route-uid-r-200999684", "current-r.test-ns.example.com"),
                                tls("route-uid-r-73007550", "prev-r.test-ns.example.com"),
                                tls(CERT, "r.test-ns.example.com")), List.of(), two()))
                .wantStatusUpdates(status(r, conditions(PROVISIONED) + HTTPS_URL + ADDRESS + """
                        traffic:
                        - {tag: current, revisionName: c-2, percent: 100, latestRevision: true, url: https://current-r.test-ns.example.com}
                        - {tag: prev, revisionName: c-1, percent: 0, latestRevision: false, url: https://prev-r.test-ns.example.com}
                        """))
                .wantEvents(created("Service", "r"), created("Service", "current-r"), created("Service", "prev-r"),
                        created("Ingress", "r"));
    }

    static Certificate localCert(Route r) {
        Certificate c = object("""
                apiVersion: networking.internal.knative.dev/v1alpha1
                kind: Certificate
                metadata:
                  name: route-uid-r-local
                  namespace: test-ns
                  labels:
                    serving.knative.dev/route: r
                    networking.knative.dev/certificate-type: cluster-local-domain
                  annotations:
                    networking.knative.dev/certificate.class: qnative.certificate.networking.knative.dev
                spec:
                  dnsNames: [r.test-ns, r.test-ns.svc, r.test-ns.svc.cluster.local]
                  domain: svc.cluster.local
                  secretName: route-uid-r-local
                """, Certificate.class);
        c.getMetadata().setOwnerReferences(List.of(Kmeta.controllerRef(r)));
        return c;
    }

    static Row clusterLocalTlsCreated() {
        Route r = route(cfg("c", 100));
        return Row.named("cluster-local-domain-tls: the local certificate is created").key(KEY).config(LOCAL_TLS)
                .objects(r).objects(simple())
                .wantCreates(placeholder(r, ""), localCert(r), ingress(LOCAL_TLS, r, List.of(), List.of(), simple()))
                .wantStatusUpdates(status(r, """
                        observedGeneration: 1
                        conditions:
                        - {type: AllTrafficAssigned, status: "True"}
                        - {type: CertificateProvisioned, status: Unknown, reason: CertificateNotReady, message: Certificate route-uid-r-local is not ready.}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        """ + HTTP_URL + ADDRESS + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Certificate", "route-uid-r-local"),
                        created("Ingress", "r"));
    }

    static Row clusterLocalTlsReady() {
        Route r = RouteTableTest.clusterLocal(route(cfg("c", 100)));
        return Row.named("cluster-local-domain-tls: a ready local certificate makes address and url https")
                .key(KEY).config(LOCAL_TLS).objects(r, withCertStatus(localCert(r), CERT_READY)).objects(simple())
                .wantCreates(placeholder(r, ""), ingress(LOCAL_TLS, r, List.of(tls("route-uid-r-local",
                        "r.test-ns", "r.test-ns.svc", "r.test-ns.svc.cluster.local")), List.of(), simple()))
                .wantStatusUpdates(status(r, conditions(PROVISIONED) + """
                        url: https://r.test-ns.svc.cluster.local
                        address: {url: https://r.test-ns.svc.cluster.local}
                        """ + TRAFFIC_C1))
                .wantEvents(created("Service", "r"), created("Ingress", "r"));
    }

    static Stream<Row> rows() {
        return Stream.of(wildcardReused(), certificateCreated(), certificateReady(), certificateUpdated(),
                unusedCertificateRemoved(), notReadyRedirected(), failedRedirected(), foreignCertificate(),
                createCertificateFails(), updateCertificateFails(), disabledByAnnotation(),
                clusterLocalWithExternalTls(), tagCertificates(), clusterLocalTlsCreated(), clusterLocalTlsReady());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, RouteTableTest::reconciler);
    }
}
