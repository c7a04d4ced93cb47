package io.qnative.testing.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/** The {@code config-*} ConfigMaps of the E2E install's system namespace, changed for the length of a test. */
public final class SystemConfigMaps {

    private SystemConfigMaps() {
    }

    /**
     * Merges {@code data} into ConfigMap {@code name} of {@link QnativeProcess#SYSTEM_NAMESPACE}, runs {@code body},
     * then puts the map's original data back (also when {@code body} fails).
     */
    public static <E extends Exception> void with(KubernetesClient client, String name, Map<String, String> data,
            Body<E> body) throws E {
        ConfigMap original = client.configMaps().inNamespace(QnativeProcess.SYSTEM_NAMESPACE).withName(name).get();
        Map<String, String> changed = new HashMap<>(original.getData() == null ? Map.of() : original.getData());
        changed.putAll(data);
        client.configMaps().inNamespace(QnativeProcess.SYSTEM_NAMESPACE).resource(new ConfigMapBuilder(original)
                .withData(changed).build()).update();
        try {
            body.run();
        } finally {
            ConfigMap now = client.configMaps().inNamespace(QnativeProcess.SYSTEM_NAMESPACE).withName(name).get();
            client.configMaps().inNamespace(QnativeProcess.SYSTEM_NAMESPACE).resource(new ConfigMapBuilder(now)
                    .withData(original.getData()).build()).update();
        }
    }

    /** What runs while the map is changed; it may throw what its caller throws. */
    @FunctionalInterface
    public interface Body<E extends Exception> {
        void run() throws E;
    }
}
