package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final WorkQueue<String> queue = new WorkQueue<>(new Backoff(Duration.ofMillis(20), Duration.ofSeconds(5)),
            timer);

    @AfterEach
    void stop() {
        queue.shutDown();
        timer.shutdownNow();
    }

    @Test
    void deduplicatesKeysWaitingForAWorker() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(queue.depth()).isEqualTo(2);
        assertThat(queue.take()).contains("a");
        assertThat(queue.take()).contains("b");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void keyAddedWhileProcessingIsQueuedAgainOnlyWhenDone() throws Exception {
        queue.add("a");
        assertThat(queue.take()).contains("a");
        queue.add("a");
        queue.add("a");
        assertThat(queue.depth()).as("never handed to a second worker while processing").isZero();
        queue.done("a");
        assertThat(queue.depth()).isEqualTo(1);
        assertThat(queue.take()).contains("a");
        queue.done("a");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void addFirstGoesAheadOfWaitingKeysAndMovesAWaitingKeyToTheHead() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.addFirst("c");
        queue.addFirst("b");
        assertThat(queue.depth()).isEqualTo(3);
        assertThat(queue.take()).contains("b");
        assertThat(queue.take()).contains("c");
        assertThat(queue.take()).contains("a");
    }

    @Test
    void addFirstWhileProcessingQueuesTheKeyAtTheHeadOnceDone() throws Exception {
        queue.add("a");
        assertThat(queue.take()).contains("a");
        queue.add("b");
        queue.addFirst("a");
        assertThat(queue.depth()).as("never handed to a second worker while processing").isEqualTo(1);
        queue.done("a");
        assertThat(queue.take()).contains("a");
        assertThat(queue.take()).contains("b");
        queue.done("a");
        queue.done("b");
        queue.add("b");
        queue.add("a");
        assertThat(queue.take()).as("urgency is not kept after").contains("b");
    }

    @Test
    void delayedAddArrivesLaterAndEarliestDeadlineWins() throws Exception {
        queue.addAfter("a", Duration.ofHours(1));
        queue.addAfter("a", Duration.ofMillis(30));
        assertThat(queue.depth()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 1);
        assertThat(queue.take()).contains("a");
        queue.done("a");
        queue.addAfter("b", Duration.ofMillis(30));
        queue.addAfter("b", Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 1);
    }

    @Test
    void rateLimitedAddsCountFailuresUntilForgotten() {
        queue.addRateLimited("a");
        queue.addRateLimited("a");
        assertThat(queue.failures("a")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth() == 1);
        queue.forget("a");
        assertThat(queue.failures("a")).isZero();
    }

    @Test
    void shutDownWakesWorkersAndDropsEverything() throws Exception {
        queue.add("a");
        queue.addAfter("b", Duration.ofMillis(10));
        queue.shutDown();
        assertThat(queue.take()).isEqualTo(Optional.empty());
        queue.add("c");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void reportsEachKeyEnteringTheQueueAndHowLongItWaitedForAWorker() throws Exception {
        long[] now = {1_000};
        List<Long> waits = new ArrayList<>();
        int[] adds = {0};
        WorkQueue<String> q = new WorkQueue<>(new Backoff(Duration.ofMillis(20), Duration.ofSeconds(5)), timer,
                () -> now[0], new WorkQueue.Metrics() {
                    @Override
                    public void added() {
                        adds[0]++;
                    }

                    @Override
                    public void waited(long nanos) {
                        waits.add(nanos);
                    }
                });
        q.add("a");
        now[0] += 50;
        q.add("a");
        q.add("b");
        assertThat(adds[0]).as("a key already waiting is not added again").isEqualTo(2);
        now[0] += 100;
        assertThat(q.take()).contains("a");
        assertThat(waits).containsExactly(150L);
        q.add("a");
        now[0] += 7;
        q.done("a");
        now[0] += 3;
        assertThat(q.take()).contains("b");
        assertThat(q.take()).contains("a");
        assertThat(waits).as("a key added while processed waits from its add").containsExactly(150L, 110L, 10L);
        assertThat(adds[0]).isEqualTo(3);
        q.shutDown();
    }
}
