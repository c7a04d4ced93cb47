package io.qnative.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.spi.VertxThreadFactory;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes client, on a Vert.x instance of its own (docs/architecture.md, "Threads"). Quarkus' producer puts
 * fabric8's HTTP client on the application's Vert.x, whose event loops also run the gateway: every watch event of
 * every informer (TLS, the HTTP stream, the JSON of each Pod, Deployment or Revision) was then decoded on the loops
 * that proxy requests and hold the activator, and a burst of them — a scale from zero moves a Deployment, a
 * ReplicaSet, a pod, its Endpoints and the PodAutoscaler and Revision status at once — delayed the request waiting
 * for that pod. Here the control plane's client traffic has its own event loops ({@code qnative-kube-eventloop-N}).
 * The client is built as Quarkus builds it, from the same {@link Config} and serialization.
 */
@Singleton
public class ClientProducer {

    /** The client's event loops: one per core, at most two (watch decoding is not the data plane's hot path). */
    static final int EVENT_LOOPS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private Vertx vertx;

    @Produces
    @Singleton
    KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config) {
        vertx = controlPlaneVertx();
        return new KubernetesClientBuilder().withKubernetesSerialization(serialization).withConfig(config)
                .withHttpClientFactory(new VertxHttpClientFactory(vertx)).build();
    }

    /** At shutdown: the client, then its event loops. */
    void close(@Disposes KubernetesClient client) {
        client.close();
        if (vertx != null) {
            vertx.close();
        }
    }

    /**
     * A Vert.x for the client alone, set up as fabric8's and Quarkus' factories set up theirs (no file caching or
     * class-path resolving, the JDK's name resolver) with its threads named apart from the application's.
     */
    static Vertx controlPlaneVertx() {
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false));
        VertxThreadFactory named = new VertxThreadFactory() {
            @Override
            public io.vertx.core.impl.VertxThread newVertxThread(Runnable target, String name, boolean worker,
                    long maxExecTime, TimeUnit maxExecTimeUnit) {
                return VertxThreadFactory.INSTANCE.newVertxThread(target, name.replace("vert.x-", "qnative-kube-"),
                        worker, maxExecTime, maxExecTimeUnit);
            }
        };
        String disableDns = System.getProperty("vertx.disableDnsResolver");
        System.setProperty("vertx.disableDnsResolver", "true");
        try {
            return new VertxBuilder(options).threadFactory(named).init().vertx();
        } finally {
            if (disableDns == null) {
                System.clearProperty("vertx.disableDnsResolver");
            } else {
                System.setProperty("vertx.disableDnsResolver", disableDns);
            }
        }
    }
}
