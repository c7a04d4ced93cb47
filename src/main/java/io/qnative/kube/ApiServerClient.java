package io.qnative.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qnative.config.QnativeConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Kubernetes client every bean injects: Quarkus' configuration and serialization on Quarkus' Vert.x, as the
 * extension's default client, and over {@link Http2ClientFactory} when {@code qnative.controller.api-server-http2}
 * is on, the API server's URL is {@code https:} and the client's configuration does not disable HTTP/2.
 */
@Singleton
public class ApiServerClient {

    @Produces
    @Singleton
    KubernetesClient client(KubernetesSerialization serialization, Config config, Vertx vertx,
            QnativeConfig qnative) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withKubernetesSerialization(serialization)
                .withConfig(config);
        if (qnative.controller().apiServerHttp2() && !config.isHttp2Disable()
                && String.valueOf(config.getMasterUrl()).startsWith("https:")) {
            builder.withHttpClientFactory(new Http2ClientFactory(vertx));
            Http2ClientFactory.prepareAlpn();
        }
        return builder.build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
