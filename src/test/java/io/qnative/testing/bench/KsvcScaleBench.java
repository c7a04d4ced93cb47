package io.qnative.testing.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1.ServiceSpec;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.QnativeProcess;
import io.qnative.testing.nodeagent.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 4's scale benchmark on the real local cluster with the node agent: qnative (its packaged binary, the
 * install's RBAC) gets N ksvcs at once; reports the time until all are Ready, then the time-to-Ready of single
 * ksvcs created one by one while the N exist, and qnative's RSS and CPU. The baseline is measured in the same run
 * first: single ksvcs on an empty cluster and qnative's idle RSS.
 *
 * <p>Arguments: {@code [N=1000] [SAMPLES=20]}. Run through {@code bench/ksvc-scale.sh}.
 */
public final class KsvcScaleBench {

    private static final Duration ALL_READY_LIMIT = Duration.ofMinutes(15);

    private KsvcScaleBench() {
    }

    /** Runs the benchmark and exits the JVM (the node agent's threads would keep it alive). */
    public static void main(String[] args) {
        int status = 0;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 1000, args.length > 1 ? Integer.parseInt(args[1]) : 20);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void run(int n, int samples) throws Exception {
        try (ClusterSession cluster = ClusterSession.start();
                QnativeProcess qnative = QnativeProcess.start(cluster, "bench")) {
            KubernetesClient client = cluster.client();
            String ns = "bench-" + Long.toString(System.currentTimeMillis(), 36);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
            awaitDefaultServiceAccount(client, ns);
            Thread.sleep(5000);
            long idleRss = rssMiB(qnative.pid());
            List<Long> baseline = timeToReady(client, ns, "base", samples);
            report("baseline: time-to-Ready of one ksvc, empty cluster", baseline);
            System.out.printf("baseline: qnative RSS idle (after %d single ksvcs) %d MiB%n", samples, idleRss);

            long cpuBefore = cpuMillis(qnative.pid());
            long start = System.nanoTime();
            createMany(client, ns, n);
            long created = System.nanoTime();
            int ready = awaitAllReady(client, ns, n + samples, start);
            long allReady = System.nanoTime();
            long cpuAfter = cpuMillis(qnative.pid());
            System.out.printf("%d ksvcs: created in %.1f s, %d/%d Ready after %.1f s; qnative CPU %.1f s (%.0f%% of"
                    + " one core); RSS %d MiB%n", n, secs(created - start), ready - samples, n,
                    secs(allReady - start), cpuAfter / 1000.0 - cpuBefore / 1000.0,
                    100.0 * (cpuAfter - cpuBefore) / (secs(allReady - start) * 1000.0),
                    rssMiB(qnative.pid()));

            histogram(qnative.pid());
            List<Long> loaded = timeToReady(client, ns, "more", samples);
            report("time-to-Ready of one more ksvc with " + n + " existing", loaded);
            System.out.printf("ratio p50 %.2f, p95 %.2f (loaded / baseline); qnative RSS %d MiB (%.2f x idle)%n",
                    (double) pct(loaded, 50) / pct(baseline, 50), (double) pct(loaded, 95) / pct(baseline, 95),
                    rssMiB(qnative.pid()), (double) rssMiB(qnative.pid()) / idleRss);
            // while qnative runs, so the labeler releases the Routes' finalizers and the namespace can go
            try {
                client.resources(Service.class).inNamespace(ns).delete();
            } catch (RuntimeException e) {
                System.out.println("cleanup: " + e.getMessage() + " (waiting for the deletion anyway)");
            }
            for (int i = 0; i < 600 && !client.resources(Route.class).inNamespace(ns)
                    .list().getItems().isEmpty(); i++) {
                Thread.sleep(500);
            }
            client.namespaces().withName(ns).delete();
        }
    }

    /**
     * Writes qnative's live heap by class ({@code jcmd GC.class_histogram}, after a full GC) to
     * target/e2e/bench-histogram.txt and prints its total.
     */
    static void histogram(long pid) throws IOException, InterruptedException {
        Path out = Path.of("target/e2e/bench-histogram.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).redirectOutput(out.toFile())
                .start();
        p.waitFor(120, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(out);
        String total = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
        System.out.println("qnative live heap (jcmd GC.class_histogram, " + out + "): " + total);
    }

    static Service ksvc(String ns, String name) {
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(List.of(new ContainerBuilder().withImage(SampleImages.HELLOWORLD).build()));
        RevisionTemplateSpec template = new RevisionTemplateSpec();
        template.setSpec(spec);
        ServiceSpec svc = new ServiceSpec();
        svc.setTemplate(template);
        Service s = new Service();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        s.setSpec(svc);
        return s;
    }

    /** Creates and waits for each ksvc in turn; returns each one's create-to-Ready time in ms. */
    static List<Long> timeToReady(KubernetesClient client, String ns, String prefix, int count)
            throws InterruptedException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            long t0 = System.nanoTime();
            client.resources(Service.class).inNamespace(ns).resource(ksvc(ns, name)).create();
            while (true) {
                Service s = client.resources(Service.class).inNamespace(ns).withName(name).get();
                if (s != null && s.isReady()) {
                    break;
                }
                if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("ksvc " + name + " not Ready after 5 minutes");
                }
                Thread.sleep(50);
            }
            out.add((System.nanoTime() - t0) / 1_000_000);
        }
        return out;
    }

    static void createMany(KubernetesClient client, String ns, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            String name = "ksvc-" + i;
            pool.execute(() -> {
                try {
                    client.resources(Service.class).inNamespace(ns).resource(ksvc(ns, name)).create();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    System.err.println("create " + name + ": " + e.getMessage());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            System.out.println(failures.get() + " creates failed");
        }
    }

    static int awaitAllReady(KubernetesClient client, String ns, int total, long start) throws InterruptedException {
        int ready = 0;
        long lastReport = 0;
        while (System.nanoTime() - start < ALL_READY_LIMIT.toNanos()) {
            ready = (int) client.resources(Service.class).inNamespace(ns).list().getItems().stream()
                    .filter(Service::isReady).count();
            if (ready >= total) {
                return ready;
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
                System.out.printf("  %.0f s: %d/%d Ready%n", secs(System.nanoTime() - start), ready, total);
                lastReport = System.nanoTime();
            }
            Thread.sleep(1000);
        }
        return ready;
    }

    static void awaitDefaultServiceAccount(KubernetesClient client, String ns) throws InterruptedException {
        for (int i = 0; i < 600 && client.serviceAccounts().inNamespace(ns).withName("default").get() == null; i++) {
            Thread.sleep(100);
        }
    }

    static void report(String label, List<Long> ms) {
        System.out.printf(Locale.ROOT, "%s: p50 %d ms, p95 %d ms, max %d ms (n=%d)%n", label, pct(ms, 50),
                pct(ms, 95), Collections.max(ms), ms.size());
    }

    static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

    static long rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** User+system CPU of a process in ms (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }
}
