package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes status through the status subresource only, retrying on conflicts: on a 409 it re-reads the object,
 * copies the desired status onto the fresh copy and tries again, as Knative's status updater does.
 */
public final class StatusUpdater {

    static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public StatusUpdater(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Replaces the status of {@code desired}'s object.
     *
     * @param copyStatus copies the status of its first argument onto its second
     * @return the stored object, or empty if it no longer exists
     */
    public <T extends HasMetadata> Optional<T> update(T desired, BiConsumer<T, T> copyStatus) {
        T attempt = desired;
        for (int i = 1; ; i++) {
            try {
                return Optional.of(client.resource(attempt).updateStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return Optional.empty();
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || i == ATTEMPTS) {
                    throw new KubernetesClientException("updating the status of " + describe(desired) + " failed"
                            + (i > 1 ? " after " + i + " attempts" : ""), e);
                }
                @SuppressWarnings("unchecked")
                Class<T> type = (Class<T>) desired.getClass();
                T fresh = client.resources(type).inNamespace(desired.getMetadata().getNamespace())
                        .withName(desired.getMetadata().getName()).get();
                if (fresh == null) {
                    return Optional.empty();
                }
                copyStatus.accept(desired, fresh);
                attempt = fresh;
            }
        }
    }

    private static String describe(HasMetadata obj) {
        return obj.getKind() + " " + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
    }
}
