package io.qnative.autoscaler.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The scale-down delay: a sliding maximum over {@code ceil(delay / 2 s)} absolute 2-second slots (Knative's
 * {@code max.TimeWindow}, {@code pkg/autoscaler/aggregation/max/window.go}, with the decider's tick as granularity).
 * Increases pass at once; a decrease shows once every larger value recorded in the last slots has expired.
 */
public final class DelayWindow {

    private static final long GRANULARITY_SECONDS = 2;

    private record Entry(long slot, int value) {
    }

    private final int slots;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** A window holding values for {@code delay}. */
    public DelayWindow(Duration delay) {
        this.slots = (int) Math.ceil((double) delay.toNanos() / Duration.ofSeconds(GRANULARITY_SECONDS).toNanos());
    }

    /** The number of 2-second slots. */
    public int slots() {
        return slots;
    }

    /** Records {@code value} at {@code now}. */
    public void record(Instant now, int value) {
        long slot = Math.floorDiv(Math.floorDiv(now.toEpochMilli(), 1000L), GRANULARITY_SECONDS);
        while (!entries.isEmpty() && entries.peekLast().value() <= value) {
            entries.pollLast();
        }
        while (!entries.isEmpty() && entries.peekFirst().slot() <= slot - slots) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(slot, value));
    }

    /** The maximum of the values still in the window; 0 when none. */
    public int current() {
        return entries.isEmpty() ? 0 : entries.peekFirst().value();
    }
}
