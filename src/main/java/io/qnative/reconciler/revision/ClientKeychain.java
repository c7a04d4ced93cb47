package io.qnative.reconciler.revision;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.reconciler.revision.digest.DigestResolver;
import io.qnative.reconciler.revision.digest.RegistryAuth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pull-secret keychain of digest resolution ({@code k8schain} as Knative's {@code resolve.go} uses it): the
 * Revision's {@code imagePullSecrets}, then its ServiceAccount's (default {@code default}), read from the API server
 * when a resolution starts (off the reconcile thread). A registry's first credentials win; missing secrets and a
 * missing ServiceAccount are skipped.
 */
final class ClientKeychain implements DigestResolver.Keychain {

    private final KubernetesClient client;

    ClientKeychain(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Map<String, RegistryAuth.Credentials> credentials(String namespace, String serviceAccount,
            List<String> pullSecrets) {
        List<String> names = new ArrayList<>(pullSecrets);
        String sa = serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount;
        ServiceAccount account = client.serviceAccounts().inNamespace(namespace).withName(sa).get();
        if (account != null && account.getImagePullSecrets() != null) {
            account.getImagePullSecrets().stream().map(LocalObjectReference::getName).forEach(names::add);
        }
        Map<String, RegistryAuth.Credentials> out = new LinkedHashMap<>();
        for (String name : names) {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret != null) {
                RegistryAuth.fromSecret(secret.getType(), secret.getData()).forEach(out::putIfAbsent);
            }
        }
        return out;
    }
}
