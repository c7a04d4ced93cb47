package io.qnative.gateway;

import io.qnative.gateway.routing.RoutingTable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Answers probes before routing: the kubelet probing the gateway itself ({@code User-Agent: kube-probe/*} or
 * {@code K-Kubelet-Probe}) gets 200 when ready and 503 when not ready or draining; a Knative network probe
 * ({@code K-Network-Probe: probe}) gets 200 with {@code K-Network-Hash} set to the generation of the KIngress loaded
 * for its host, or 404 when no KIngress names the host.
 */
final class ProbeStep implements Step {

    private final BooleanSupplier ready;
    private final RoutingTable table;

    ProbeStep(BooleanSupplier ready, RoutingTable table) {
        this.ready = ready;
        this.table = table;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        var headers = ex.request.headers();
        if (Headers.isNetworkProbe(headers)) {
            var match = table.lookup(ex.external, RouteStep.host(ex.request), ex.request.path(), h -> null);
            var entry = match.map(RoutingTable.Match::entry).or(() -> table.entries().stream()
                    .filter(e -> e.rules().stream().anyMatch(r -> r.hosts().contains(
                            io.qnative.gateway.routing.InMemoryRoutingTable.normalizeHost(RouteStep.host(ex.request)))))
                    .findFirst());
            if (entry.isEmpty()) {
                ex.fail(404, "no route for host");
                return;
            }
            ex.status = 200;
            ex.response().putHeader(Headers.K_NETWORK_HASH, Long.toString(entry.get().generation()))
                    .putHeader("Content-Type", "text/plain").end("probe\n");
            ex.finish();
            return;
        }
        if (Headers.isKubeProbe(headers)) {
            boolean up = ready.getAsBoolean();
            ex.status = up ? 200 : 503;
            ex.response().setStatusCode(ex.status).putHeader("Content-Type", "text/plain")
                    .end(up ? "ok\n" : "not ready\n");
            ex.finish();
            return;
        }
        next.accept(ex);
    }
}
