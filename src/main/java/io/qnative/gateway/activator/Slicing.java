package io.qnative.gateway.activator;

import java.util.ArrayList;
import java.util.List;

/**
 * Which pods of a revision one gateway replica may use when containerConcurrency is set, so that every replica
 * together never exceeds it on a pod without coordinating (Knative's {@code assignSlice}/{@code pickIndices},
 * pkg/activator/net/throttler.go). Pure.
 */
public final class Slicing {

    private Slicing() {
    }

    /**
     * The slice of {@code pods} (sorted by IP) for replica {@code self} of {@code replicas}: a contiguous piece of
     * {@code P / N} pods, plus one of the {@code P mod N} last pods for each of the first replicas; when there are
     * more replicas than pods, pod {@code self mod P}. Every pod when the index is unknown ({@code self < 0}) or
     * there is one replica.
     */
    public static <T> List<T> assign(List<T> pods, int self, int replicas) {
        int p = pods.size();
        if (self < 0 || replicas <= 1 || p == 0 || self >= replicas) {
            return List.copyOf(pods);
        }
        if (replicas > p) {
            return List.of(pods.get(self % p));
        }
        int piece = p / replicas;
        int remnants = p % replicas;
        List<T> out = new ArrayList<>(pods.subList(self * piece, self * piece + piece));
        if (self < remnants) {
            out.add(pods.get(p - remnants + self));
        }
        return List.copyOf(out);
    }
}
