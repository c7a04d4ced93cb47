package io.qnative.autoscaler.scaling;

/**
 * One decision (Knative's {@code ScaleResult}).
 *
 * @param desiredPodCount the pods wanted; meaningful only when valid
 * @param excessBurstCapacity spare capacity after reserving the burst capacity; negative keeps the gateway in the
 *     request path
 * @param valid false when pods or metrics could not be read: nothing changed, the previous decision stays
 */
public record ScaleResult(int desiredPodCount, int excessBurstCapacity, boolean valid) {

    /** The invalid result (Knative's {@code invalidSR}: all zero, not valid). */
    public static final ScaleResult INVALID = new ScaleResult(0, 0, false);
}
