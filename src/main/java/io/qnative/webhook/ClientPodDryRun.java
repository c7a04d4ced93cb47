package io.qnative.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * {@link PodDryRun} over a client of its own, derived from the process's client with {@code timeout} as connection
 * and request timeout and no retries: the API server waits for the webhook's answer, so a slow or unreachable API
 * server must fail the dry run quickly instead of the whole admission request.
 */
public final class ClientPodDryRun implements PodDryRun, AutoCloseable {

    private final KubernetesClient client;
    private final Duration timeout;

    /** A dry run through a copy of {@code base}'s configuration with {@code timeout}. */
    public ClientPodDryRun(KubernetesClient base, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Config config = new ConfigBuilder(base.getConfiguration()).withRequestTimeout(millis)
                .withConnectionTimeout(millis).withRequestRetryBackoffLimit(0).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.timeout = timeout;
    }

    @Override
    public String create(Pod pod) throws UnreachableException {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).dryRun().create();
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() <= 0 || e.getStatus() == null) {
                throw new UnreachableException("the API server did not answer within " + timeout.toMillis()
                        + "ms: " + rootMessage(e), e);
            }
            return e.getStatus().getMessage() == null ? e.getMessage() : e.getStatus().getMessage();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
