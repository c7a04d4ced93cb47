package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.TracerProvider;
import io.qnative.observability.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ObjectKey> seen = new CopyOnWriteArrayList<>();
    private final Map<ObjectKey, AtomicInteger> calls = new ConcurrentHashMap<>();
    private Controller controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.stop();
        }
        timer.shutdownNow();
    }

    private Controller controller(Reconciler reconciler, List<ObjectKey> primaries) {
        controller = new Controller("test", reconciler, () -> primaries, 2,
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1)), timer,
                TracerProvider.noop().get("test"), registry);
        return controller;
    }

    private double count(String result) {
        return registry.get(MetricNames.RECONCILE_COUNT).tag("controller", "test").tag("result", result).counter()
                .count();
    }

    @Test
    void startQueuesEveryPrimaryObject() {
        ObjectKey a = new ObjectKey("ns", "a");
        ObjectKey b = new ObjectKey("ns", "b");
        controller(key -> {
            seen.add(key);
            return Result.done();
        }, List.of(a, b)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactlyInAnyOrder(a, b);
        assertThat(count("success")).isEqualTo(2);
    }

    @Test
    void failuresAreRetriedWithBackoffUntilTheySucceed() {
        ObjectKey a = new ObjectKey("ns", "a");
        controller(key -> {
            if (calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() < 4) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        }, List.of(a)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> count("success") == 1);
        assertThat(calls.get(a).get()).isEqualTo(4);
        assertThat(count("error")).isEqualTo(3);
    }

    @Test
    void requeueAfterReconcilesAgain() {
        ObjectKey a = new ObjectKey("", "cluster-scoped");
        controller(key -> calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() < 3
                ? Result.requeueAfter(Duration.ofMillis(20))
                : Result.done(), List.of(a)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get(a) != null && calls.get(a).get() == 3);
    }

    @Test
    void enqueueIsIgnoredWhileStoppedAndStartStopIsRepeatable() {
        Controller c = controller(key -> {
            seen.add(key);
            return Result.done();
        }, List.of());
        c.enqueue(new ObjectKey("ns", "ignored"));
        assertThat(c.running()).isFalse();
        c.start();
        c.enqueue(new ObjectKey("ns", "x"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        c.stop();
        assertThat(c.healthy()).isTrue();
        c.start();
        c.enqueue(new ObjectKey("ns", "y"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        assertThat(seen).extracting(ObjectKey::name).containsExactly("x", "y");
    }

    @Test
    void keysParseAndPrint() {
        assertThat(ObjectKey.parse("ns/a")).isEqualTo(new ObjectKey("ns", "a"));
        assertThat(ObjectKey.parse("a")).isEqualTo(new ObjectKey(null, "a"));
        assertThat(new ObjectKey("ns", "a")).hasToString("ns/a");
    }

    @Test
    void aConflictIsRecognisedThroughWrappersAndACauseMessageIsNotRepeated() {
        KubernetesClientException conflict = new KubernetesClientException("the object has been modified", 409, null);
        RuntimeException wrapped = new RuntimeException("failed to update finalizers: " + conflict.getMessage(),
                conflict);
        assertThat(Controller.conflict(wrapped)).isTrue();
        assertThat(Controller.conflict(new RuntimeException("x", new KubernetesClientException("gone", 404, null))))
                .isFalse();
        assertThat(Controller.conflict(new IllegalStateException("no cause"))).isFalse();
        assertThat(Controller.describe(wrapped)).isEqualTo("failed to update finalizers: the object has been modified");
        assertThat(Controller.describe(new RuntimeException("outer", new IllegalStateException("inner"))))
                .isEqualTo("outer: inner");
    }
}
