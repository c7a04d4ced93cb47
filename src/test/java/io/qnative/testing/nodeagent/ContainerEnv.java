package io.qnative.testing.nodeagent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a container process would see: {@code envFrom} ConfigMaps and Secrets first, then
 * {@code env} entries in order (later wins), with {@code $(VAR)} references expanded, {@code fieldRef}s
 * for the pod's name, namespace, uid, node, pod IP and host IP, and {@code configMapKeyRef}/{@code
 * secretKeyRef} read through a {@link Lookup}. Values that cannot be resolved are left out.
 */
final class ContainerEnv {

    /** Reads the data of a ConfigMap or Secret (decoded); null when it does not exist. */
    interface Lookup {
        Map<String, String> data(String kind, String namespace, String name);
    }

    private ContainerEnv() {
    }

    static Map<String, String> resolve(Pod pod, Container container, String podIp, String nodeName, Lookup lookup) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                Map<String, String> data = null;
                if (from.getConfigMapRef() != null) {
                    data = lookup.data("ConfigMap", ns, from.getConfigMapRef().getName());
                } else if (from.getSecretRef() != null) {
                    data = lookup.data("Secret", ns, from.getSecretRef().getName());
                }
                if (data != null) {
                    String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                    data.forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                String value = var.getValueFrom() != null
                        ? valueFrom(var.getValueFrom(), pod, podIp, nodeName, lookup)
                        : expand(var.getValue() == null ? "" : var.getValue(), env);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        return env;
    }

    private static String valueFrom(EnvVarSource source, Pod pod, String podIp, String nodeName, Lookup lookup) {
        String ns = pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            return switch (source.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> ns;
                case "metadata.uid" -> pod.getMetadata().getUid();
                case "spec.nodeName" -> nodeName;
                case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
                case "status.podIP", "status.podIPs" -> podIp;
                case "status.hostIP" -> PodStatuses.HOST_IP;
                default -> null;
            };
        }
        if (source.getConfigMapKeyRef() != null) {
            Map<String, String> data = lookup.data("ConfigMap", ns, source.getConfigMapKeyRef().getName());
            return data == null ? null : data.get(source.getConfigMapKeyRef().getKey());
        }
        if (source.getSecretKeyRef() != null) {
            Map<String, String> data = lookup.data("Secret", ns, source.getSecretKeyRef().getName());
            return data == null ? null : data.get(source.getSecretKeyRef().getKey());
        }
        return null;
    }

    /** Kubernetes' {@code $(VAR)} expansion against the variables defined so far; {@code $$} escapes. */
    static String expand(String value, Map<String, String> defined) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '(') {
                int end = value.indexOf(')', i + 2);
                String name = end < 0 ? null : value.substring(i + 2, end);
                if (name != null && defined.containsKey(name)) {
                    out.append(defined.get(name));
                    i = end + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
