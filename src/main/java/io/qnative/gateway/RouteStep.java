package io.qnative.gateway;

import io.qnative.api.serving.v1.Revision;
import io.qnative.gateway.activator.RevisionSettings;
import io.qnative.gateway.routing.RoutingTable;
import io.qnative.gateway.activator.ClusterView;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Routing (Knative's KIngress semantics as Kourier implements them): the host (exact, any case, port stripped) and
 * listener pick a rule, the first path whose prefix and exact header matches fit picks the splits, a weighted random
 * roll picks the revision. Unknown host or path: 404. Never an open proxy: CONNECT and absolute-form request
 * targets are refused. A path with {@code rewriteHost} (DomainMapping) is resolved again on the rewritten host
 * inside the gateway, and the pod still sees the client's Host; when no KIngress serves the rewritten host, the
 * path's own split is the backend and is sent the rewritten Host. A split naming a Kubernetes Service rather than a
 * revision goes to that Service's endpoints ({@link ServiceBackend}). The headers the pod gets are written by
 * {@link ProxyStep} into the upstream request itself.
 */
final class RouteStep implements Step {

    /** Slots of {@link #settled}. */
    private static final int SETTLED = 64;

    private final RoutingTable table;
    private final ClusterView cluster;
    private final RandomGenerator random;
    /**
     * The settings of revisions requests went to lately, by the cached Revision object they were read from (slot by
     * its identity hash): the informer's cache holds a new object for every change of a Revision, so the same object
     * has the same settings and a request does not read them again. At most {@link #SETTLED} objects are kept.
     */
    private final AtomicReferenceArray<Settled> settled = new AtomicReferenceArray<>(SETTLED);

    private record Settled(Revision revision, RevisionSettings settings) {
    }

    RouteStep(RoutingTable table, ClusterView cluster, RandomGenerator random) {
        this.table = table;
        this.cluster = cluster;
        this.random = random;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        HttpServerRequest req = ex.request;
        if (req.method() == HttpMethod.CONNECT) {
            ex.fail(405, "CONNECT is not supported");
            return;
        }
        String uri = req.uri();
        if (uri == null || !uri.startsWith("/")) {
            ex.fail(400, "only origin-form request targets are accepted");
            return;
        }
        MultiMap headers = req.headers();
        Headers.stripInternal(headers);
        ex.host = host(req);
        Optional<RoutingTable.Match> match = table.lookup(ex.external, ex.host, req.path(), headers::get);
        // the KIngress the client's host matched decides the redirect: a DomainMapping's own httpOption and
        // ExternalIP rule, not the cluster-local rule of the Route its path is re-dispatched to
        if (match.isPresent() && redirected(match.get(), req)) {
            ex.match = match.get();
            ex.status = 301;
            ex.response().setStatusCode(301).putHeader("Location", "https://" + ex.host + uri).end();
            ex.finish();
            return;
        }
        String rewriteHost = null;
        if (match.isPresent() && match.get().path().rewriteHost() != null
                && !match.get().path().rewriteHost().isEmpty()) {
            RoutingTable.Path mapped = match.get().path();
            Optional<RoutingTable.Match> rewritten = table.lookup(false, mapped.rewriteHost(), req.path(),
                    headers::get).map(m -> new RoutingTable.Match(m.entry(), m.rule(), withHeaders(m.path(), mapped)));
            if (rewritten.isPresent()) {
                match = rewritten;
            } else {
                // no KIngress serves the rewritten host (a DomainMapping whose ref is a Kubernetes Service): the
                // path's own split is the backend, sent the rewritten Host as Kourier's host rewrite does
                rewriteHost = mapped.rewriteHost();
            }
        }
        if (match.isEmpty() && !ex.external) {
            match = revisionHost(ex.host);
        }
        if (match.isEmpty()) {
            ex.fail(404, "no route for host " + ex.host);
            return;
        }
        ex.match = match.get();
        Optional<RoutingTable.Split> split = ex.match.path().pick(random.nextInt(100));
        if (split.isEmpty()) {
            ex.fail(404, "no backend for host " + ex.host);
            return;
        }
        ex.split = split.get();
        RoutingTable.Backend b = ex.split.backend();
        Optional<Revision> rev = cluster.revision(b.namespace(), b.serviceName());
        ex.authority = ex.host;
        if (rev.isPresent()) {
            ex.revision = settings(rev.get());
        } else if (!service(ex, b, rewriteHost)) {
            return;
        }
        next.accept(ex);
    }

    /** The settings of {@code rev}, read once per Revision object. */
    private RevisionSettings settings(Revision rev) {
        int slot = System.identityHashCode(rev) & (SETTLED - 1);
        Settled s = settled.get(slot);
        if (s != null && s.revision() == rev) {
            return s.settings();
        }
        RevisionSettings fresh = RevisionSettings.of(rev);
        settled.set(slot, new Settled(rev, fresh));
        return fresh;
    }

    /**
     * A split whose backend is not a revision: a Kubernetes Service, proxied to its ready endpoints (net-kourier's
     * pkg/generator/ingress_translator.go does the same for any KIngress split). False when answered (404: neither
     * a revision nor a Service of that name, an ExternalName Service, or no such port).
     */
    private boolean service(Exchange ex, RoutingTable.Backend b, String rewriteHost) {
        var svc = cluster.service(b.namespace(), b.serviceName());
        if (svc.isEmpty()) {
            ex.fail(404, "no revision or service " + b.namespace() + "/" + b.serviceName());
            return false;
        }
        ServiceBackend r = ServiceBackend.resolve(svc.get(), cluster.serviceEndpoints(b.namespace(), b.serviceName()),
                b.port());
        if (r instanceof ServiceBackend.Refusal refusal) {
            ex.fail(refusal.status(), refusal.reason());
            return false;
        }
        ex.service = (ServiceBackend.Target) r;
        if (rewriteHost != null) {
            ex.authority = rewriteHost;
        }
        return true;
    }

    /**
     * A revision-addressed host on the cluster-local listener ({@code <rev>.<ns>}, {@code <rev>.<ns>.svc},
     * {@code <rev>.<ns>.svc.<cluster-domain>}): the {@code <rev>} Service's endpoints are the gateway, so in-cluster
     * callers of a revision are throttled and counted too (Knative's activator accepts it as well,
     * pkg/activator/handler/context_handler.go).
     */
    private Optional<RoutingTable.Match> revisionHost(String host) {
        String[] parts = io.qnative.gateway.routing.InMemoryRoutingTable.normalizeHost(host).split("\\.");
        if (parts.length < 2 || (parts.length > 2 && !"svc".equals(parts[2]))) {
            return Optional.empty();
        }
        String ns = parts[1];
        String name = parts[0];
        if (cluster.revision(ns, name).isEmpty()) {
            return Optional.empty();
        }
        RoutingTable.Split split = new RoutingTable.Split(new RoutingTable.Backend(ns, name, 80), 100,
                java.util.Map.of("Knative-Serving-Revision", name, "Knative-Serving-Namespace", ns));
        RoutingTable.Path path = new RoutingTable.Path("", java.util.Map.of(), java.util.List.of(split),
                java.util.Map.of(), null);
        RoutingTable.Rule rule = new RoutingTable.Rule(java.util.List.of(host), RoutingTable.CLUSTER_LOCAL,
                java.util.List.of(path));
        return Optional.of(new RoutingTable.Match(new RoutingTable.Entry(ns, name, 0, java.util.List.of(rule), ""),
                rule, path));
    }

    /**
     * The rewritten path's splits with the mapping's appended headers added: its path's and its splits' (a
     * DomainMapping's KIngress puts {@code K-Original-Host: <domain>} on its one 100% split,
     * pkg/reconciler/domainmapping/resources/ingress.go), so the pod sees the header as the ingress wrote it.
     */
    private static RoutingTable.Path withHeaders(RoutingTable.Path target, RoutingTable.Path mapping) {
        var headers = new java.util.HashMap<>(target.appendHeaders());
        headers.putAll(mapping.appendHeaders());
        mapping.splits().forEach(s -> headers.putAll(s.appendHeaders()));
        return new RoutingTable.Path(target.path(), target.headers(), target.splits(), headers, null);
    }

    /** The path prefix of ACME HTTP-01 challenges (net-certmanager's {@code httpChallengePath}). */
    static final String ACME_CHALLENGE_PATH = "/.well-known/acme-challenge/";

    /**
     * Plain HTTP on an external rule of a Redirected KIngress is redirected to https, except a KIngress path for an
     * ACME HTTP-01 challenge (docs/certificates.md): the validation arrives over plain HTTP while the host has no
     * certificate yet, so a redirect would never let it succeed (knative/serving#12527). net-kourier's
     * {@code pkg/generator/ingress_translator.go} likewise sets the {@code /.well-known/acme-challenge/} paths apart.
     */
    private static boolean redirected(RoutingTable.Match match, HttpServerRequest req) {
        return "Redirected".equals(match.entry().httpOption())
                && RoutingTable.EXTERNAL_IP.equals(match.rule().visibility()) && !req.isSSL()
                && !match.path().path().startsWith(ACME_CHALLENGE_PATH);
    }

    /** The request's host as the client sent it ({@code :authority} on HTTP/2, else {@code Host}). */
    static String host(HttpServerRequest req) {
        var authority = req.authority();
        if (authority != null) {
            return authority.port() > 0 ? authority.host() + ":" + authority.port() : authority.host();
        }
        String h = req.getHeader("Host");
        return h == null ? "" : h;
    }
}
