package io.qnative.webhook;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the {@code clientConfig} of the three webhook configurations of kubernetes/600-webhooks.yaml pointing at
 * this process: the {@code caBundle} always, and in URL mode also the {@code url} (for a process outside the
 * cluster). Patches only what differs, so replicas that agree on the Secret never write. Configurations that are
 * not installed are skipped.
 */
public final class WebhookConfigurations {

    private static final Logger LOG = Logger.getLogger(WebhookConfigurations.class);

    /** The MutatingWebhookConfiguration (and its webhook) calling {@code /defaulting}. */
    public static final String DEFAULTING = "webhook.serving.knative.dev";
    /** The ValidatingWebhookConfiguration calling {@code /resource-validation}. */
    public static final String VALIDATION = "validation.webhook.serving.knative.dev";
    /** The ValidatingWebhookConfiguration calling {@code /config-validation}. */
    public static final String CONFIG_VALIDATION = "config.webhook.serving.knative.dev";

    private static final Map<String, String> PATHS = Map.of(DEFAULTING, "/defaulting", VALIDATION,
            "/resource-validation", CONFIG_VALIDATION, "/config-validation");

    private final KubernetesClient client;
    private final Optional<String> baseUrl;

    /**
     * @param baseUrl in URL mode the webhook's base URL (e.g. {@code https://127.0.0.1:9443}); empty in service
     *     mode, where the shipped {@code clientConfig.service} stays as it is
     */
    public WebhookConfigurations(KubernetesClient client, Optional<String> baseUrl) {
        this.client = client;
        this.baseUrl = baseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** Points every installed configuration at this process with {@code caPem} as its caBundle. */
    public void sync(String caPem) {
        String caBundle = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
        var mutating = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(DEFAULTING);
        MutatingWebhookConfiguration m = mutating.get();
        if (m != null && m.getWebhooks().stream().anyMatch(w -> !fixed(w.getClientConfig(), caBundle, DEFAULTING)
                .equals(w.getClientConfig()))) {
            mutating.edit(c -> {
                for (MutatingWebhook w : c.getWebhooks()) {
                    w.setClientConfig(fixed(w.getClientConfig(), caBundle, DEFAULTING));
                }
                return c;
            });
            LOG.infof("updated the clientConfig of MutatingWebhookConfiguration %s", DEFAULTING);
        }
        for (String name : List.of(VALIDATION, CONFIG_VALIDATION)) {
            var validating = client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name);
            ValidatingWebhookConfiguration v = validating.get();
            if (v != null && v.getWebhooks().stream().anyMatch(w -> !fixed(w.getClientConfig(), caBundle, name)
                    .equals(w.getClientConfig()))) {
                validating.edit(c -> {
                    for (ValidatingWebhook w : c.getWebhooks()) {
                        w.setClientConfig(fixed(w.getClientConfig(), caBundle, name));
                    }
                    return c;
                });
                LOG.infof("updated the clientConfig of ValidatingWebhookConfiguration %s", name);
            }
        }
    }

    /** The clientConfig {@code current} should have: same service, this caBundle, the URL in URL mode. */
    WebhookClientConfig fixed(WebhookClientConfig current, String caBundle, String configuration) {
        WebhookClientConfig desired = new WebhookClientConfig();
        WebhookClientConfig c = current == null ? new WebhookClientConfig() : current;
        desired.setCaBundle(caBundle);
        if (baseUrl.isPresent()) {
            String path = c.getService() != null && c.getService().getPath() != null ? c.getService().getPath()
                    : PATHS.get(configuration);
            desired.setUrl(baseUrl.get() + path);
        } else {
            desired.setService(c.getService());
            desired.setUrl(c.getUrl());
        }
        return Objects.equals(desired, c) ? c : desired;
    }
}
