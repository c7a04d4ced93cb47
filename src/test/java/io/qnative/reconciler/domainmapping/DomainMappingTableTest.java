package io.qnative.reconciler.domainmapping;

import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.NS;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.annotated;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.claim;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.dm;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.finalized;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.ksvc;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.network;
import static io.qnative.reconciler.domainmapping.DomainMappingFixtures.ownedBySomeoneElse;
import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.HTTP01Challenge;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.domainmapping.resources.DomainClaims;
import io.qnative.reconciler.domainmapping.resources.DomainMappingCertificates;
import io.qnative.reconciler.domainmapping.resources.DomainMappingIngresses;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DomainMapping reconciler's table in the unit tier, after Knative's
 * {@code pkg/reconciler/domainmapping/table_test.go}: rows over an in-process API store with failure injection. The
 * children it writes are built with the {@code resources} builders (as Knative's table builds them with
 * {@code resources.MakeIngress}, {@code MakeDomainClaim} and {@code MakeCertificate}; those builders have golden
 * tests); every status is a YAML literal.
 */
class DomainMappingTableTest {

    static final String DOMAIN = "first.example.org";
    static final String KEY = NS + "/" + DOMAIN;
    static final String TARGET_HOST = "target.default.svc.cluster.local";
    static final String CLASS = "qnative.ingress.networking.knative.dev";
    static final String FINALIZER_PATCH =
            "{\"metadata\":{\"finalizers\":[\"domainmappings.serving.knative.dev\"],\"resourceVersion\":\"1\"}}";
    static final String DM_PATH = NS + "/domainmappings/" + DOMAIN;

    /** autocreate-cluster-domain-claims on, TLS off. */
    static final ConfigSnapshot AUTOCREATE = network("autocreate-cluster-domain-claims", "true");
    /** external-domain-tls on, HTTP redirected, claims pre-made. */
    static final ConfigSnapshot TLS_REDIRECTED = network("external-domain-tls", "Enabled", "http-protocol",
            "Redirected");
    /** external-domain-tls on, HTTP enabled (the default), claims pre-made. */
    static final ConfigSnapshot TLS_HTTP = network("external-domain-tls", "Enabled");

    static DomainMappingReconciler reconciler(TableContext ctx) {
        return new DomainMappingReconciler(ctx.client(), ctx.lister(DomainMapping.class), ctx.lister(Ingress.class),
                ctx.lister(Certificate.class), ctx.lister(ClusterDomainClaim.class),
                new Targets(ctx.lister(io.qnative.api.serving.v1.Service.class), ctx.lister(Route.class),
                        ctx.lister(Service.class)), ctx.children(), ctx.statusUpdater(), ctx.snapshot(),
                ctx.clock());
    }

    // ---- objects ----

    static DomainMapping mapping() {
        return dm(DOMAIN, "target");
    }

    static Service k8s() {
        return DomainMappingFixtures.k8sService("target");
    }

    static io.qnative.api.serving.v1.Service target() {
        return ksvc("target", "http://" + TARGET_HOST);
    }

    static ClusterDomainClaim ours() {
        return claim(DOMAIN, NS);
    }

    static Ingress ingress(DomainMapping dm, String option, List<IngressTLS> tls, List<HTTP01Challenge> acme) {
        return DomainMappingIngresses.make(dm, "target", TARGET_HOST, CLASS, option, tls, acme);
    }

    static Ingress ingress() {
        return ingress(mapping(), "Enabled", List.of(), List.of());
    }

    /** The KIngress as the gateway leaves it: generation 1, observed, with the given status. */
    static Ingress ingressWithStatus(String status) {
        Ingress ing = ingress();
        ing.getMetadata().setGeneration(1L);
        return withStatus(ing, status);
    }

    static Certificate certificate() {
        return DomainMappingCertificates.make(mapping(), "qnative.certificate.networking.knative.dev");
    }

    static Certificate certificateWithStatus(String status) {
        Certificate cert = certificate();
        cert.getMetadata().setGeneration(1L);
        return withStatus(cert, status);
    }

    static HTTP01Challenge challenge() {
        HTTP01Challenge c = new HTTP01Challenge();
        c.setUrl("http://" + DOMAIN + "/.well-known/acme-challenge/token");
        c.setServiceName("cm-solver");
        c.setServiceNamespace(NS);
        c.setServicePort(new IntOrString(8090));
        return c;
    }

    static IngressTLS certTls() {
        return DomainMappingCertificates.ingressTls(certificate(), List.of(DOMAIN));
    }

    static DomainMapping status(DomainMapping dm, String status) {
        return withStatus(dm, status);
    }

    static String created(String kind, String name) {
        return "Normal Created Created " + kind + " \"" + name + "\"";
    }

    // ---- statuses ----

    static String url(String scheme) {
        return "url: " + scheme + "://" + DOMAIN + "\naddress: {url: " + scheme + "://" + DOMAIN + "}\n";
    }

    static final String TLS_NOT_ENABLED = """
            - {type: CertificateProvisioned, status: "True", reason: TLSNotEnabled, message: external-domain-tls is not enabled}
            """;

    static final String INGRESS_NOT_CONFIGURED = """
            observedGeneration: 1
            conditions:
            """ + TLS_NOT_ENABLED + """
            - {type: DomainClaimed, status: "True"}
            - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
            - {type: ReferenceResolved, status: "True"}
            """;

    static final String READY = """
            observedGeneration: 1
            conditions:
            """ + TLS_NOT_ENABLED + """
            - {type: DomainClaimed, status: "True"}
            - {type: IngressReady, status: "True"}
            - {type: Ready, status: "True"}
            - {type: ReferenceResolved, status: "True"}
            """;

    static String unresolved(String message) {
        return """
                observedGeneration: 1
                conditions:
                """ + TLS_NOT_ENABLED + """
                - {type: DomainClaimed, status: "True"}
                - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                - {type: Ready, status: "False", reason: ResolveFailed, message: '%s'}
                - {type: ReferenceResolved, status: "False", reason: ResolveFailed, message: '%s'}
                """.formatted(message, message) + url("http");
    }

    static final String INGRESS_READY = """
            observedGeneration: 1
            conditions:
            - {type: LoadBalancerReady, status: "True"}
            - {type: NetworkConfigured, status: "True"}
            - {type: Ready, status: "True"}
            publicLoadBalancer:
              ingress: [{domainInternal: qnative-gateway.knative-serving.svc.cluster.local}]
            privateLoadBalancer:
              ingress: [{domainInternal: qnative-gateway-internal.knative-serving.svc.cluster.local}]
            """;

    static final String INGRESS_FAILED = """
            observedGeneration: 1
            conditions:
            - {type: LoadBalancerReady, status: Unknown}
            - {type: NetworkConfigured, status: "False", reason: Conflict, message: host taken}
            - {type: Ready, status: "False", reason: Conflict, message: host taken}
            """;

    static final String INGRESS_UNKNOWN = """
            observedGeneration: 1
            conditions:
            - {type: LoadBalancerReady, status: Unknown, reason: Uninitialized, message: Waiting for load balancer to be ready}
            - {type: NetworkConfigured, status: "True"}
            - {type: Ready, status: Unknown, reason: Uninitialized, message: Waiting for load balancer to be ready}
            """;

    // ---- rows: claims ----

    static Row firstReconcile() {
        DomainMapping dm = mapping();
        return Row.named("first reconcile claims the domain and writes the ingress").key(KEY).config(AUTOCREATE)
                .objects(dm, target())
                .wantPatch(DM_PATH, FINALIZER_PATCH)
                .wantCreates(DomainClaims.make(dm), ingress())
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("ClusterDomainClaim", DOMAIN), created("Ingress", DOMAIN));
    }

    static Row preOwnedClaim() {
        DomainMapping dm = finalized(mapping());
        return Row.named("first reconcile, pre-owned domain claim").key(KEY)
                .objects(dm, target(), ours())
                .wantCreates(ingress())
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row noClaimNoAutocreate() {
        DomainMapping dm = finalized(mapping());
        return Row.named("no claim and no auto-creation: the domain is not ours").key(KEY)
                .objects(dm, target())
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: DomainClaimed, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                        - {type: ReferenceResolved, status: Unknown}
                        """ + url("http")))
                .wantErr();
    }

    static Row claimOfAnotherNamespace() {
        DomainMapping dm = finalized(mapping());
        return Row.named("the claim belongs to another namespace").key(KEY).config(AUTOCREATE)
                .objects(dm, target(), claim(DOMAIN, "elsewhere"))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: DomainClaimed, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                        - {type: ReferenceResolved, status: Unknown}
                        """ + url("http")))
                .wantErr();
    }

    static Row claimFreed() {
        DomainMapping dm = status(finalized(mapping()), """
                observedGeneration: 1
                conditions:
                - {type: CertificateProvisioned, status: Unknown}
                - {type: DomainClaimed, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                - {type: Ready, status: "False", reason: DomainAlreadyClaimed, message: The domain name is already in use by another DomainMapping}
                - {type: ReferenceResolved, status: Unknown}
                """ + url("http"));
        return Row.named("the other namespace's claim is gone: claimed on the retry").key(KEY).config(AUTOCREATE)
                .objects(dm, target())
                .wantCreates(DomainClaims.make(dm), ingress())
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("ClusterDomainClaim", DOMAIN), created("Ingress", DOMAIN));
    }

    static Row claimCreateFails() {
        DomainMapping dm = finalized(mapping());
        return Row.named("creating the claim fails").key(KEY).config(AUTOCREATE)
                .objects(dm, target())
                .withReactors(induceFailure("create", "clusterdomainclaims"))
                .wantCreates(DomainClaims.make(dm))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: DomainClaimed, status: Unknown}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: ReferenceResolved, status: Unknown}
                        """ + url("http")))
                .wantEvents("Warning CreationFailed Failed to create ClusterDomainClaim \"" + DOMAIN
                        + "\": inducing failure for create clusterdomainclaims")
                .wantErr();
    }

    static Row finalizerPatchFails() {
        DomainMapping dm = mapping();
        return Row.named("adding the finalizer fails").key(KEY).config(AUTOCREATE)
                .objects(dm, target())
                .withReactors(induceFailure("patch", "domainmappings"))
                .wantPatch(DM_PATH, FINALIZER_PATCH)
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: Unknown}
                        - {type: DomainClaimed, status: Unknown}
                        - {type: IngressReady, status: Unknown}
                        - {type: Ready, status: Unknown, reason: NewObservedGenFailure, message: unsuccessfully observed a new generation}
                        - {type: ReferenceResolved, status: Unknown}
                        """))
                .wantErr();
    }

    // ---- rows: the target ----

    static Row refMissing() {
        String message = "failed to get object default/target: services.serving.knative.dev \"target\" not found";
        DomainMapping dm = finalized(mapping());
        return Row.named("first reconcile, ref does not exist").key(KEY)
                .objects(dm, ours())
                .wantStatusUpdates(status(dm, unresolved(message)))
                .wantErr();
    }

    static Row refWithPath() {
        DomainMapping dm = finalized(dm(NS, DOMAIN, "serving.knative.dev/v1", "Route", "target"));
        return Row.named("first reconcile, ref has a path").key(KEY)
                .objects(dm, ours(), DomainMappingFixtures.route("target", "http://" + TARGET_HOST + "/path"))
                .wantStatusUpdates(status(dm, unresolved("resolved URI \"http://" + TARGET_HOST
                        + "/path\" contains a path")))
                .wantErr();
    }

    static Row refNotAServiceHost() {
        DomainMapping dm = finalized(mapping());
        return Row.named("the target's address is not a Kubernetes Service host").key(KEY)
                .objects(dm, ours(), ksvc("target", "http://target.example.com"))
                .wantStatusUpdates(status(dm, unresolved("resolved URI \"http://target.example.com\" must be of "
                        + "the form {name}.{namespace}.svc.cluster.local")))
                .wantErr();
    }

    static Row refOtherNamespace() {
        DomainMapping dm = finalized(mapping());
        return Row.named("the target's address is in another namespace").key(KEY)
                .objects(dm, ours(), ksvc("target", "http://target.other.svc.cluster.local"))
                .wantStatusUpdates(status(dm, unresolved("resolved URI \"http://target.other.svc.cluster.local\" "
                        + "must be in same namespace as DomainMapping")))
                .wantErr();
    }

    static Row refWithoutAddress() {
        DomainMapping dm = finalized(mapping());
        return Row.named("the target has no address yet").key(KEY)
                .objects(dm, ours(), ksvc("target", null))
                .wantStatusUpdates(status(dm, unresolved("address not set for &ObjectReference{Kind:Service,"
                        + "Namespace:default,Name:target,UID:,APIVersion:serving.knative.dev/v1,ResourceVersion:,"
                        + "FieldPath:,}")))
                .wantErr();
    }

    static Row refUnsupportedKind() {
        DomainMapping dm = finalized(dm(NS, DOMAIN, "eventing.knative.dev/v1", "Broker", "target"));
        String message = "failed to get lister for eventing.knative.dev/v1, Kind=Broker: qnative resolves Knative "
                + "Services and Routes (serving.knative.dev/v1) and Kubernetes Services (v1)";
        return Row.named("a kind qnative cannot resolve").key(KEY)
                .objects(dm, ours())
                .wantStatusUpdates(status(dm, unresolved(message)))
                .wantErr();
    }

    static Row refKubernetesService() {
        DomainMapping dm = finalized(dm(NS, DOMAIN, "v1", "Service", "target"));
        return Row.named("a Kubernetes Service target resolves to its cluster-local host").key(KEY)
                .objects(dm, ours(), k8s())
                .wantCreates(ingress(dm, "Enabled", List.of(), List.of()))
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row refRoute() {
        DomainMapping dm = finalized(dm(NS, DOMAIN, "serving.knative.dev/v1", "Route", "target"));
        return Row.named("a Route target resolves to its address").key(KEY)
                .objects(dm, ours(), DomainMappingFixtures.route("target", "http://" + TARGET_HOST))
                .wantCreates(ingress(dm, "Enabled", List.of(), List.of()))
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    // ---- rows: the ingress ----

    static Row ingressClassAnnotation() {
        DomainMapping dm = annotated(finalized(mapping()), "networking.knative.dev/ingress.class", "kourier");
        return Row.named("reconcile with ingressClass annotation").key(KEY)
                .objects(dm, target(), ours())
                .wantCreates(DomainMappingIngresses.make(dm, "target", TARGET_HOST, "kourier", "Enabled", List.of(),
                        List.of()))
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row httpProtocolAnnotation() {
        DomainMapping dm = annotated(finalized(mapping()), "networking.knative.dev/http-protocol", "Redirected");
        return Row.named("the mapping's http-protocol annotation overrides config-network").key(KEY)
                .objects(dm, target(), ours())
                .wantCreates(ingress(dm, "Redirected", List.of(), List.of()))
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row changedRef() {
        DomainMapping dm = finalized(dm(DOMAIN, "changed"));
        Ingress old = ingressWithStatus(INGRESS_READY);
        Ingress want = DomainMappingIngresses.make(dm, "changed", "changed.default.svc.cluster.local", CLASS,
                "Enabled", List.of(), List.of());
        want.getMetadata().setGeneration(1L);
        want = withStatus(want, INGRESS_READY);
        return Row.named("reconcile changed ref").key(KEY)
                .objects(dm, ksvc("changed", "http://changed.default.svc.cluster.local"), ours(), old)
                .wantUpdates(want)
                // the new spec is a new KIngress generation, not yet observed by the gateway
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")));
    }

    static Row changedLabels() {
        DomainMapping dm = finalized(mapping());
        dm.getMetadata().setLabels(java.util.Map.of("app", "shop"));
        Ingress want = ingressWithStatus(INGRESS_READY);
        want.getMetadata().setLabels(java.util.Map.of("app", "shop",
                "serving.knative.dev/domainMappingUID", "dm-uid", "serving.knative.dev/domainMappingNamespace", NS));
        return Row.named("the mapping's labels changed: the ingress's labels follow").key(KEY)
                .objects(dm, target(), ours(), ingressWithStatus(INGRESS_READY))
                .wantUpdates(want)
                .wantStatusUpdates(status(dm, READY + url("http")));
    }

    static Row ingressFailed() {
        DomainMapping dm = finalized(mapping());
        return Row.named("reconcile failed ingress").key(KEY)
                .objects(dm, target(), ours(), ingressWithStatus(INGRESS_FAILED))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        """ + TLS_NOT_ENABLED + """
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: "False", reason: Conflict, message: host taken}
                        - {type: Ready, status: "False", reason: Conflict, message: host taken}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("http")));
    }

    static Row ingressUnknown() {
        DomainMapping dm = finalized(mapping());
        return Row.named("reconcile unknown ingress").key(KEY)
                .objects(dm, target(), ours(), ingressWithStatus(INGRESS_UNKNOWN))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        """ + TLS_NOT_ENABLED + """
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: Uninitialized, message: Waiting for load balancer to be ready}
                        - {type: Ready, status: Unknown, reason: Uninitialized, message: Waiting for load balancer to be ready}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("http")));
    }

    static Row ingressReady() {
        DomainMapping dm = finalized(mapping());
        return Row.named("reconcile ready ingress").key(KEY)
                .objects(dm, target(), ours(), ingressWithStatus(INGRESS_READY))
                .wantStatusUpdates(status(dm, READY + url("http")));
    }

    static Row steady() {
        DomainMapping dm = status(finalized(mapping()), READY + url("http"));
        return Row.named("steady state: nothing to write").key(KEY)
                .objects(dm, target(), ours(), ingressWithStatus(INGRESS_READY));
    }

    static Row ingressNotObserved() {
        DomainMapping dm = status(finalized(mapping()), READY + url("http"));
        Ingress ing = ingressWithStatus(INGRESS_READY);
        ing.getMetadata().setGeneration(2L);
        return Row.named("the ingress has not observed its generation").key(KEY)
                .objects(dm, target(), ours(), ing)
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")));
    }

    static Row ingressCreateFails() {
        DomainMapping dm = finalized(mapping());
        return Row.named("fail ingress creation").key(KEY)
                .objects(dm, target(), ours())
                .withReactors(induceFailure("create", "ingresses"))
                .wantCreates(ingress())
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents("Warning CreationFailed Failed to create Ingress \"" + DOMAIN
                        + "\": inducing failure for create ingresses")
                .wantErr();
    }

    static Row ingressUpdateFails() {
        DomainMapping dm = finalized(dm(DOMAIN, "changed"));
        Ingress want = DomainMappingIngresses.make(dm, "changed", "changed.default.svc.cluster.local", CLASS,
                "Enabled", List.of(), List.of());
        want.getMetadata().setGeneration(1L);
        want = withStatus(want, INGRESS_READY);
        return Row.named("fail ingress update").key(KEY)
                .objects(dm, ksvc("changed", "http://changed.default.svc.cluster.local"), ours(),
                        ingressWithStatus(INGRESS_READY))
                .withReactors(induceFailure("update", "ingresses"))
                .wantUpdates(want)
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents("Warning UpdateFailed Failed to update Ingress \"" + DOMAIN
                        + "\": inducing failure for update ingresses")
                .wantErr();
    }

    static Row foreignIngress() {
        DomainMapping dm = finalized(mapping());
        return Row.named("an ingress of that name belongs to someone else").key(KEY)
                .objects(dm, target(), ours(), ownedBySomeoneElse(ingress()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        """ + TLS_NOT_ENABLED + """
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: "False", reason: NotOwned, message: There is an existing Ingress "first.example.org" that we do not own.}
                        - {type: Ready, status: "False", reason: NotOwned, message: There is an existing Ingress "first.example.org" that we do not own.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("http")))
                .wantErr();
    }

    static Row statusUpdateFails() {
        DomainMapping dm = finalized(mapping());
        return Row.named("failure updating the mapping's status").key(KEY)
                .objects(dm, target(), ours())
                .withReactors(induceFailure("update", "domainmappings"))
                .wantCreates(ingress())
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN))
                .wantErr();
    }

    // ---- rows: TLS ----

    static Row userSecret() {
        DomainMapping dm = DomainMappingFixtures.withTls(finalized(mapping()), "my-secret");
        IngressTLS tls = DomainMappingCertificates.externalTls(dm, "my-secret");
        return Row.named("spec.tls names the user's secret").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours())
                .wantCreates(ingress(dm, "Redirected", List.of(tls), List.of()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "True", reason: CertificateExternallyProvided, message: TLS certificate was provided externally}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("https")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row certificateCreated() {
        DomainMapping dm = finalized(mapping());
        return Row.named("external-domain-tls: the certificate is created, not ready, redirected").key(KEY)
                .config(TLS_REDIRECTED)
                .objects(dm, target(), ours())
                .wantCreates(certificate(), ingress(mapping(), "Redirected", List.of(), List.of()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: Unknown, reason: CertificateNotReady, message: Certificate first.example.org is not ready.}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("https")))
                .wantEvents(created("Certificate", DOMAIN), created("Ingress", DOMAIN));
    }

    static Row certificatePendingWithChallenge() {
        DomainMapping dm = finalized(mapping());
        Certificate cert = certificateWithStatus("""
                observedGeneration: 1
                conditions:
                - {type: Ready, status: Unknown, reason: Pending, message: waiting for the challenge}
                http01Challenges:
                - {url: "http://first.example.org/.well-known/acme-challenge/token", serviceName: cm-solver, serviceNamespace: default, servicePort: 8090}
                """);
        return Row.named("http downgrade while the certificate is pending; its challenge is routed").key(KEY)
                .config(TLS_HTTP)
                .objects(dm, target(), ours(), cert)
                .wantCreates(ingress(mapping(), "Enabled", List.of(), List.of(challenge())))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "True", reason: HTTPDowngrade, message: Certificate first.example.org is not ready downgrade HTTP.}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row certificateReady() {
        DomainMapping dm = finalized(mapping());
        Certificate cert = certificateWithStatus("""
                observedGeneration: 1
                conditions:
                - {type: Ready, status: "True"}
                """);
        return Row.named("the certificate is ready: https and the ingress's TLS").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours(), cert)
                .wantCreates(ingress(mapping(), "Redirected", List.of(certTls()), List.of()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "True"}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("https")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row certificateFailed() {
        DomainMapping dm = finalized(mapping());
        Certificate cert = certificateWithStatus("""
                observedGeneration: 1
                conditions:
                - {type: Ready, status: "False", reason: IssuerFailed, message: no issuer}
                """);
        return Row.named("the certificate failed").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours(), cert)
                .wantCreates(ingress(mapping(), "Redirected", List.of(), List.of()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "False", reason: CertificateProvisionFailed, message: Certificate first.example.org failed to be provisioned.}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateProvisionFailed, message: Certificate first.example.org failed to be provisioned.}
                        - {type: ReferenceResolved, status: "True"}
                        """ + url("https")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    static Row foreignCertificate() {
        DomainMapping dm = finalized(mapping());
        return Row.named("a certificate of that name belongs to someone else").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours(), ownedBySomeoneElse(certificate()))
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "False", reason: CertificateNotOwned, message: There is an existing certificate first.example.org that we don't own.}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateNotOwned, message: There is an existing certificate first.example.org that we don't own.}
                        - {type: ReferenceResolved, status: Unknown}
                        """ + url("http")))
                .wantErr();
    }

    static Row certificateCreateFails() {
        DomainMapping dm = finalized(mapping());
        return Row.named("creating the certificate fails").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours())
                .withReactors(induceFailure("create", "certificates"))
                .wantCreates(certificate())
                .wantStatusUpdates(status(dm, """
                        observedGeneration: 1
                        conditions:
                        - {type: CertificateProvisioned, status: "False", reason: CertificateProvisionFailed, message: Certificate first.example.org failed to be provisioned.}
                        - {type: DomainClaimed, status: "True"}
                        - {type: IngressReady, status: Unknown, reason: IngressNotConfigured, message: Ingress has not yet been reconciled.}
                        - {type: Ready, status: "False", reason: CertificateProvisionFailed, message: Certificate first.example.org failed to be provisioned.}
                        - {type: ReferenceResolved, status: Unknown}
                        """ + url("http")))
                .wantEvents("Warning CreationFailed Failed to create Certificate \"" + DOMAIN
                        + "\": inducing failure for create certificates")
                .wantErr();
    }

    static Row tlsDisabledByAnnotation() {
        DomainMapping dm = annotated(finalized(mapping()), "networking.knative.dev/disable-external-domain-tls",
                "true");
        return Row.named("external-domain-tls disabled by annotation").key(KEY).config(TLS_REDIRECTED)
                .objects(dm, target(), ours())
                .wantCreates(ingress(dm, "Redirected", List.of(), List.of()))
                .wantStatusUpdates(status(dm, INGRESS_NOT_CONFIGURED + url("http")))
                .wantEvents(created("Ingress", DOMAIN));
    }

    // ---- rows: deletion ----

    static DomainMapping deleted() {
        DomainMapping dm = status(finalized(mapping()), READY + url("http"));
        dm.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        return dm;
    }

    static final String FINALIZER_REMOVED = "{\"metadata\":{\"finalizers\":[],\"resourceVersion\":\"1\"}}";

    static Row deletionReleasesClaim() {
        return Row.named("deletion releases this namespace's claim").key(KEY).config(AUTOCREATE)
                .objects(deleted(), ours())
                .wantDeletes("clusterdomainclaims/" + DOMAIN)
                .wantPatch(DM_PATH, FINALIZER_REMOVED)
                .wantEvents("Normal Deleted Deleted ClusterDomainClaim \"" + DOMAIN + "\"");
    }

    static Row deletionKeepsForeignClaim() {
        return Row.named("deletion keeps another namespace's claim").key(KEY).config(AUTOCREATE)
                .objects(deleted(), claim(DOMAIN, "elsewhere"))
                .wantPatch(DM_PATH, FINALIZER_REMOVED);
    }

    static Row deletionWithoutAutocreate() {
        return Row.named("deletion without auto-created claims leaves the claim").key(KEY)
                .objects(deleted(), ours())
                .wantPatch(DM_PATH, FINALIZER_REMOVED);
    }

    static Row claimDeleteFails() {
        return Row.named("releasing the claim fails: the finalizer stays").key(KEY).config(AUTOCREATE)
                .objects(deleted(), ours())
                .withReactors(induceFailure("delete", "clusterdomainclaims"))
                .wantDeletes("clusterdomainclaims/" + DOMAIN)
                .wantErr();
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                firstReconcile(), preOwnedClaim(), noClaimNoAutocreate(), claimOfAnotherNamespace(), claimFreed(),
                claimCreateFails(), finalizerPatchFails(), refMissing(), refWithPath(), refNotAServiceHost(),
                refOtherNamespace(), refWithoutAddress(), refUnsupportedKind(), refKubernetesService(), refRoute(),
                ingressClassAnnotation(), httpProtocolAnnotation(), changedRef(), changedLabels(), ingressFailed(),
                ingressUnknown(), ingressReady(), steady(),
                ingressNotObserved(), ingressCreateFails(), ingressUpdateFails(), foreignIngress(),
                statusUpdateFails(), userSecret(), certificateCreated(), certificatePendingWithChallenge(),
                certificateReady(), certificateFailed(), foreignCertificate(), certificateCreateFails(),
                tlsDisabledByAnnotation(), deletionReleasesClaim(), deletionKeepsForeignClaim(),
                deletionWithoutAutocreate(), claimDeleteFails());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, DomainMappingTableTest::reconciler);
    }
}
