package io.qnative.gateway;

import io.qnative.gateway.activator.PodTracker;
import io.qnative.gateway.metrics.GatewayMetrics;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Sends a request whose backend is a plain Kubernetes Service ({@link ServiceBackend}) straight to one of its ready
 * endpoints, picked at random as kube-proxy does, skipping the activator's steps (no queue, no throttling, no
 * autoscaler stats: net-kourier routes such a split to the Service's endpoints, never through the activator). No
 * ready endpoint: 503, as Envoy answers for a cluster without healthy hosts. Its count and latency go to the same
 * Prometheus meters as a revision's, labelled with the Service ({@link GatewayMetrics#serviceRequest}). Requests for
 * revisions pass on.
 */
final class ServiceStep implements Step {

    private final RandomGenerator random;
    private final Consumer<Exchange> proxy;
    private final GatewayMetrics metrics;
    private final LongSupplier nanos;

    /** @param proxy where a request with an endpoint picked goes (the proxy step) */
    ServiceStep(RandomGenerator random, Consumer<Exchange> proxy, GatewayMetrics metrics, LongSupplier nanos) {
        this.random = random;
        this.proxy = proxy;
        this.metrics = metrics;
        this.nanos = nanos;
    }

    @Override
    public void handle(Exchange ex, Consumer<Exchange> next) {
        if (ex.service == null) {
            next.accept(ex);
            return;
        }
        ServiceBackend.Target service = ex.service;
        ex.onEnd(() -> metrics.serviceRequest(service.namespace(), service.name(), ex.status,
                nanos.getAsLong() - ex.arrivalNanos));
        List<String> addresses = ex.service.addresses();
        if (addresses.isEmpty()) {
            ex.fail(503, "no ready endpoints for service " + ex.service.id());
            return;
        }
        ex.pod = PodTracker.parse(addresses.get(random.nextInt(addresses.size())));
        proxy.accept(ex);
    }

    /**
     * Another endpoint than the one that failed, once (the proxy's retry of a refused connection): 502 when the
     * Service has no other.
     */
    void retry(Exchange ex, Consumer<Exchange> next) {
        String failed = ex.pod.address();
        List<String> others = ex.service.addresses().stream().filter(a -> !a.equals(failed)).toList();
        if (others.isEmpty()) {
            ex.fail(502, "cannot connect to " + ex.backendName());
            return;
        }
        ex.pod = PodTracker.parse(others.get(random.nextInt(others.size())));
        next.accept(ex);
    }
}
