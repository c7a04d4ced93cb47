package io.qnative.testing.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.duck.Condition;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Issue 4's scale benchmark on the real local cluster with the node agent: qnative (its packaged binary, the
 * install's RBAC) gets N ksvcs at once; reports the time until all are Ready, then the time-to-Ready of single
 * ksvcs created one by one while the N exist, and qnative's RSS and CPU. The baseline is measured in the same run
 * first: single ksvcs on an empty cluster and qnative's idle RSS. Once all are Ready it prints the API server's
 * requests by verb and resource (top 10, {@code apiserver_request_total}, every client's: qnative, the bench's own
 * polling, kube-controller-manager, the node agent) for the burst and for the next minute, qnative's reconciles by
 * controller over that minute and its work queues' depths, so a slow loaded ksvc can be traced to what keeps the
 * API server and the controllers busy.
 *
 * <p>Arguments: {@code [N=1000] [SAMPLES=20]}. Run through {@code bench/ksvc-scale.sh}.
 */
public final class KsvcScaleBench {

    private static final Duration ALL_READY_LIMIT = Duration.ofMinutes(15);
    /** The steady-state window after all are Ready whose API requests and reconciles are reported. */
    private static final Duration STEADY = Duration.ofSeconds(60);

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
            timeline(client, ns, "base-" + baseline.indexOf(Collections.max(baseline)));

            Map<String, Double> apiBefore = PromText.apiRequests(client.raw("/metrics"));
            long cpuBefore = cpuMillis(qnative.pid());
            long start = System.nanoTime();
            createMany(client, ns, n);
            long created = System.nanoTime();
            int ready = awaitAllReady(client, ns, n + samples, start);
            long allReady = System.nanoTime();
            long cpuAfter = cpuMillis(qnative.pid());
            System.out.printf("%d ksvcs: created in %.1f s, %d/%d Ready after %.1f s; qnative CPU %.1f s (%.0f%% of"
                    + " one core); RSS %d MiB; load average %s%n", n, secs(created - start), ready - samples, n,
                    secs(allReady - start), cpuAfter / 1000.0 - cpuBefore / 1000.0,
                    100.0 * (cpuAfter - cpuBefore) / (secs(allReady - start) * 1000.0),
                    rssMiB(qnative.pid()), loadAverage());

            Map<String, Double> apiReady = PromText.apiRequests(client.raw("/metrics"));
            String qnativeReady = qnative.metrics();
            printTop("API requests from the burst until all Ready", PromText.delta(apiBefore, apiReady));
            printGc(qnativeReady);
            Thread.sleep(STEADY.toMillis());
            String qnativeSteady = qnative.metrics();
            printTop("API requests over the next " + STEADY.toSeconds() + " s",
                    PromText.delta(apiReady, PromText.apiRequests(client.raw("/metrics"))));
            printTop("qnative's reconciles over those " + STEADY.toSeconds() + " s, by controller and result",
                    PromText.delta(reconciles(qnativeReady), reconciles(qnativeSteady)));
            printTop("qnative's work queue adds over those " + STEADY.toSeconds() + " s, by controller",
                    PromText.delta(byController(qnativeReady, "qnative_workqueue_adds_total"),
                            byController(qnativeSteady, "qnative_workqueue_adds_total")));
            printTop("qnative's work queues then (keys waiting)",
                    byController(qnativeSteady, "qnative_workqueue_depth"));
            printQueueWaits(qnativeReady);
            histogram(qnative.pid());
            List<Long> loaded = timeToReady(client, ns, "more", samples);
            report("time-to-Ready of one more ksvc with " + n + " existing (load average " + loadAverage() + ")",
                    loaded);
            int slowest = loaded.indexOf(Collections.max(loaded));
            timeline(client, ns, "more-" + slowest);
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

    private static Map<String, Double> reconciles(String metrics) {
        return PromText.sumBy(metrics, "qnative_reconcile_count_total",
                l -> l.getOrDefault("controller", "?") + " " + l.getOrDefault("result", "?"));
    }

    private static Map<String, Double> byController(String metrics, String name) {
        return PromText.sumBy(metrics, name, l -> l.getOrDefault("controller", "?"));
    }

    /** Each controller's mean and longest wait of a key for a worker since qnative started. */
    static void printQueueWaits(String metrics) {
        Map<String, Double> count = byController(metrics, "qnative_workqueue_queue_latency_seconds_count");
        Map<String, Double> sum = byController(metrics, "qnative_workqueue_queue_latency_seconds_sum");
        Map<String, Double> max = byController(metrics, "qnative_workqueue_queue_latency_seconds_max");
        System.out.println("qnative's queue waits until all Ready (keys, mean, max of the last minutes):");
        count.keySet().stream().sorted().forEach(c -> System.out.printf(Locale.ROOT,
                "    %s: %,.0f, %.0f ms, %.0f ms%n", c, count.get(c),
                count.get(c) == 0 ? 0 : 1000 * sum.getOrDefault(c, 0.0) / count.get(c),
                1000 * max.getOrDefault(c, 0.0)));
    }

    static void printTop(String title, Map<String, Double> counts) {
        double total = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "%s (top 10 of %,.0f):%n", title, total);
        PromText.top(counts, 10).forEach(line -> System.out.println("    " + line));
    }

    /** qnative's collections so far, minor and major, from its JVM metrics. */
    static void printGc(String metrics) {
        Map<String, Double> count = PromText.sumBy(metrics, "jvm_gc_pause_seconds_count",
                l -> l.getOrDefault("action", "?"));
        Map<String, Double> sum = PromText.sumBy(metrics, "jvm_gc_pause_seconds_sum",
                l -> l.getOrDefault("action", "?"));
        count.forEach((action, n) -> System.out.printf(Locale.ROOT, "qnative GC since start: %s %.0f, %.2f s%n",
                action, n, sum.getOrDefault(action, 0.0)));
        Map<String, Double> committed = PromText.sumBy(metrics, "jvm_memory_committed_bytes",
                l -> l.getOrDefault("area", "?"));
        Map<String, Double> used = PromText.sumBy(metrics, "jvm_memory_used_bytes", l -> l.getOrDefault("area", "?"));
        System.out.printf(Locale.ROOT, "qnative memory: heap used %.0f MiB of %.0f MiB committed, non-heap %.0f MiB"
                + " committed%n", used.getOrDefault("heap", 0.0) / (1 << 20),
                committed.getOrDefault("heap", 0.0) / (1 << 20), committed.getOrDefault("nonheap", 0.0) / (1 << 20));
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

    /**
     * When each step of a ksvc's chain happened, in seconds after its creation (the API server's timestamps: 1 s
     * resolution): its children's creation and Ready transitions, its pod's, and its own Ready.
     */
    static void timeline(KubernetesClient client, String ns, String name) {
        Service ksvc = client.resources(Service.class).inNamespace(ns).withName(name).get();
        if (ksvc == null) {
            return;
        }
        Instant t0 = Instant.parse(ksvc.getMetadata().getCreationTimestamp());
        String rev = name + "-00001";
        List<String> steps = new ArrayList<>();
        BiConsumer<String, String> at = (what, time) -> {
            if (time != null && !time.isEmpty()) {
                steps.add(String.format(Locale.ROOT, "+%3d s %s", Duration.between(t0, Instant.parse(time))
                        .toSeconds(), what));
            }
        };
        Configuration cfg = client.resources(Configuration.class).inNamespace(ns).withName(name).get();
        Revision revision = client.resources(Revision.class).inNamespace(ns).withName(rev).get();
        Deployment deployment = client.apps().deployments().inNamespace(ns).withName(rev + "-deployment").get();
        PodAutoscaler pa = client.resources(PodAutoscaler.class).inNamespace(ns).withName(rev).get();
        Route route = client.resources(Route.class).inNamespace(ns).withName(name).get();
        Ingress ingress = client.resources(Ingress.class).inNamespace(ns).withName(name).get();
        if (cfg != null) {
            at.accept("Configuration created", cfg.getMetadata().getCreationTimestamp());
            at.accept("Configuration Ready", readyAt(cfg.getStatus()));
        }
        if (revision != null) {
            at.accept("Revision created", revision.getMetadata().getCreationTimestamp());
            at.accept("Revision Ready", readyAt(revision.getStatus()));
        }
        if (deployment != null) {
            at.accept("Deployment created", deployment.getMetadata().getCreationTimestamp());
            if (deployment.getStatus() != null && deployment.getStatus().getConditions() != null) {
                deployment.getStatus().getConditions().stream().filter(c -> "Available".equals(c.getType())
                        && "True".equals(c.getStatus())).forEach(c -> at.accept("Deployment Available",
                                c.getLastTransitionTime()));
            }
        }
        client.pods().inNamespace(ns).withLabel("serving.knative.dev/revision", rev).list().getItems()
                .forEach(p -> {
                    at.accept("pod " + p.getMetadata().getName() + " created", p.getMetadata().getCreationTimestamp());
                    if (p.getStatus() != null && p.getStatus().getConditions() != null) {
                        p.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())
                                && "True".equals(c.getStatus())).forEach(c -> at.accept("pod Ready",
                                        c.getLastTransitionTime()));
                    }
                });
        if (pa != null) {
            at.accept("PodAutoscaler created", pa.getMetadata().getCreationTimestamp());
            at.accept("PodAutoscaler Ready", readyAt(pa.getStatus()));
        }
        if (ingress != null) {
            at.accept("KIngress created", ingress.getMetadata().getCreationTimestamp());
            at.accept("KIngress Ready", readyAt(ingress.getStatus()));
        }
        if (route != null) {
            at.accept("Route created", route.getMetadata().getCreationTimestamp());
            at.accept("Route Ready", readyAt(route.getStatus()));
        }
        at.accept("ksvc Ready", readyAt(ksvc.getStatus()));
        steps.sort(Comparator.naturalOrder());
        System.out.println("timeline of " + name + " (the slowest of its kind), seconds after its creation:");
        steps.forEach(step -> System.out.println("    " + step));
    }

    private static String readyAt(io.qnative.api.duck.Status status) {
        Condition ready = status == null ? null : status.getCondition("Ready");
        return ready == null || !ready.isTrue() ? null : ready.getLastTransitionTime();
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
            // resourceVersion 0: served from the API server's watch cache, not read through from etcd, so the
            // bench's own polling of N ksvcs weighs less on the API server it measures
            ready = (int) client.resources(Service.class).inNamespace(ns)
                    .list(new ListOptionsBuilder().withResourceVersion("0").build()).getItems().stream()
                    .filter(Service::isReady).count();
            if (ready >= total) {
                return ready;
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
                System.out.printf("  %.0f s: %d/%d Ready%n", secs(System.nanoTime() - start), ready, total);
                lastReport = System.nanoTime();
            }
            Thread.sleep(2000);
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

    /** The 1-, 5- and 15-minute load averages. */
    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
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
