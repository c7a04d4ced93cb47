package io.qnative.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request timers on one event loop's sweep ({@link LoopTimers}), with a clock the test moves: which deadline fires,
 * that a cancelled or answered request's timer never does, and that a fired or cancelled timer leaves the sweep.
 */
class RequestTimerTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context loop = vertx.getOrCreateContext();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<String> fired = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.runOnContext(v -> f.complete(action.get()));
        return f.get(10, TimeUnit.SECONDS);
    }

    private RequestTimer start(String name, int timeout, int responseStart, int idle) throws Exception {
        return onLoop(() -> {
            RequestTimer t = new RequestTimer(vertx, clock::get, clock.get(), Duration.ofSeconds(timeout),
                    Duration.ofSeconds(responseStart), Duration.ofSeconds(idle), kind -> fired.add(name + " " + kind));
            t.start();
            return t;
        });
    }

    private int watched() throws Exception {
        return onLoop(() -> LoopTimers.current(vertx).size());
    }

    private void advance(int seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void eachDeadlineFiresOnceAndLeavesTheSweep() throws Exception {
        start("whole", 10, 10, 0);
        start("first-byte", 30, 5, 0);
        RequestTimer idle = start("idle", 30, 30, 3);
        assertThat(watched()).isEqualTo(3);

        advance(2);
        onLoop(() -> {
            idle.responseStarted();
            return null;
        });
        advance(4); // 6 s: first-byte (5 s) is due; idle has been quiet 4 s of its 3
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactlyInAnyOrder("first-byte RESPONSE_START", "idle IDLE");
        assertThat(watched()).isEqualTo(1);

        advance(5); // 11 s
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 3);
        assertThat(fired).contains("whole TIMEOUT").hasSize(3);
        assertThat(watched()).isZero();
    }

    @Test
    void activityKeepsAnIdleTimerAliveAndCancelledTimersNeverFire() throws Exception {
        RequestTimer busy = start("busy", 60, 60, 3);
        RequestTimer answered = start("answered", 5, 5, 0);
        onLoop(() -> {
            answered.cancel();
            busy.responseStarted();
            return null;
        });
        assertThat(watched()).isEqualTo(1);
        // 8 s: past the cancelled timer's 5 s and twice the idle timeout, with a write every 2 s
        writeEveryTwoSecondsThenGoQuiet(busy, 4);
        assertThat(fired).containsExactly("marker TIMEOUT", "busy IDLE");
    }

    /**
     * {@code writes} writes 2 s apart on {@code t}; then a marker timer that is due at once shows the sweep has run
     * (nothing but the marker has fired), and 3 s more of silence are past a 3 s idle timeout.
     */
    private void writeEveryTwoSecondsThenGoQuiet(RequestTimer t, int writes) throws Exception {
        for (int i = 0; i < writes; i++) {
            advance(2);
            onLoop(() -> {
                t.activity();
                return null;
            });
        }
        start("marker", 1, 1, 0);
        advance(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.contains("marker TIMEOUT"));
        assertThat(fired).containsExactly("marker TIMEOUT");
        advance(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
    }

    @Test
    void anUpgradedRequestsDeadlinesStopAtThe101() throws Exception {
        RequestTimer upgraded = start("upgraded", 5, 2, 3);
        onLoop(() -> {
            upgraded.upgraded();
            return null;
        });
        assertThat(upgraded.cancelled()).isTrue();
        assertThat(watched()).isZero();
        // past all three deadlines: the marker fires, the upgraded request's timer never does
        start("marker", 10, 10, 0);
        advance(11);
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.contains("marker TIMEOUT"));
        assertThat(fired).containsExactly("marker TIMEOUT");
        assertThat(onLoop(upgraded::due)).isFalse();
    }

    @Test
    void aDeadlineAlreadyPastFiresAtStart() throws Exception {
        RequestTimer late = onLoop(() -> new RequestTimer(vertx, clock::get, clock.get() - TimeUnit.SECONDS.toNanos(5),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ZERO, kind -> fired.add("late " + kind)));
        onLoop(() -> {
            late.start();
            return null;
        });
        assertThat(fired).containsExactly("late TIMEOUT");
        assertThat(watched()).isZero();
    }

    @Test
    void withoutACapOnlyTheIdleTimeoutFires() throws Exception {
        // an upgraded connection with max-upgraded-connection-seconds: 0 (timeout zero) and an idle timeout
        RequestTimer tunnel = start("tunnel", 0, 0, 3);
        RequestTimer unwatched = start("unwatched", 0, 0, 0);
        assertThat(watched()).isEqualTo(1);
        // 10 s with a write every 2 s: no timeout without a cap, then the idle one
        writeEveryTwoSecondsThenGoQuiet(tunnel, 5);
        assertThat(fired).containsExactly("marker TIMEOUT", "tunnel IDLE");
        assertThat(unwatched.cancelled()).isFalse();
        assertThat(watched()).isZero();
    }

    @Test
    void aTimerStartedOffTheLoopIsWatchedByTheLoopAndACancelledOneIsNot() throws Exception {
        // one event loop, so the loop the off-loop timers are handed to is the one counted here
        Vertx one = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            Context only = one.getOrCreateContext();
            Supplier<Integer> watchedThere = () -> {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                only.runOnContext(v -> f.complete(LoopTimers.current(one).size()));
                return f.join();
            };
            RequestTimer off = new RequestTimer(one, clock::get, clock.get(), Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ZERO, kind -> fired.add("off " + kind));
            off.start();
            RequestTimer gone = new RequestTimer(one, clock::get, clock.get(), Duration.ofSeconds(2),
                    Duration.ofSeconds(2), Duration.ZERO, kind -> fired.add("gone " + kind));
            gone.start();
            gone.cancel();
            await().atMost(Duration.ofSeconds(10)).until(() -> watchedThere.get() == 1);
            advance(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 1);
            assertThat(fired).containsExactly("off TIMEOUT");
            assertThat(watchedThere.get()).isZero();
        } finally {
            one.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
