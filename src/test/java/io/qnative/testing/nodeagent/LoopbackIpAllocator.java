package io.qnative.testing.nodeagent;

import java.util.BitSet;
import java.util.Optional;

/**
 * Hands out pod IPs from the loopback block, 127.0.1.1 upward (127.0.1.1 … 127.0.1.254, then 127.0.2.1 …
 * 127.0.255.254), never 127.0.0.x (qnative itself listens on 127.0.0.1) and never a .0 or .255 address.
 *
 * <p>Allocation continues after the address handed out last and wraps around at the end, so a released
 * address is not reused at once: an Endpoints object that still lists a deleted pod's IP then points at
 * nothing rather than at another pod. Thread-safe.
 */
public final class LoopbackIpAllocator {

    /** Third octet 1..255 by fourth octet 1..254. */
    static final int CAPACITY = 255 * 254;

    private final BitSet used = new BitSet(CAPACITY);
    private int next;

    /** Starts at 127.0.1.1. */
    public LoopbackIpAllocator() {
        this("127.0.1.1");
    }

    /**
     * Starts at {@code first} (e.g. {@code 127.0.40.1}), so two agents on one machine (two clusters side by side)
     * hand out different addresses.
     *
     * @throws IllegalArgumentException when {@code first} is not a pod address
     */
    public LoopbackIpAllocator(String first) {
        this.next = toIndex(first).orElseThrow(() -> new IllegalArgumentException(
                "not a loopback pod address (127.0.1.1 … 127.0.255.254): " + first));
    }

    /** The allocator for this process: {@code $QNATIVE_POD_IP_START} when set, else 127.0.1.1. */
    static LoopbackIpAllocator fromEnvironment() {
        String first = System.getenv("QNATIVE_POD_IP_START");
        return first == null || first.isBlank() ? new LoopbackIpAllocator() : new LoopbackIpAllocator(first.trim());
    }

    /**
     * The next free address.
     *
     * @throws IllegalStateException when every address is taken
     */
    public synchronized String allocate() {
        int free = used.nextClearBit(next);
        if (free >= CAPACITY) {
            free = used.nextClearBit(0);
        }
        if (free >= CAPACITY) {
            throw new IllegalStateException("all " + CAPACITY + " loopback pod addresses are in use");
        }
        used.set(free);
        next = (free + 1) % CAPACITY;
        return toIp(free);
    }

    /**
     * Marks {@code ip} as taken (a pod that already had it before the agent restarted).
     *
     * @return false when the address is outside the pod range or already taken
     */
    public synchronized boolean reserve(String ip) {
        Optional<Integer> index = toIndex(ip);
        if (index.isEmpty() || used.get(index.get())) {
            return false;
        }
        used.set(index.get());
        return true;
    }

    /** Returns {@code ip} to the pool; unknown addresses are ignored. */
    public synchronized void release(String ip) {
        toIndex(ip).ifPresent(used::clear);
    }

    /** How many addresses are handed out. */
    public synchronized int inUse() {
        return used.cardinality();
    }

    static String toIp(int index) {
        return "127.0." + (index / 254 + 1) + "." + (index % 254 + 1);
    }

    static Optional<Integer> toIndex(String ip) {
        if (ip == null) {
            return Optional.empty();
        }
        String[] parts = ip.split("\\.");
        if (parts.length != 4 || !parts[0].equals("127") || !parts[1].equals("0")) {
            return Optional.empty();
        }
        try {
            int third = Integer.parseInt(parts[2]);
            int fourth = Integer.parseInt(parts[3]);
            if (third < 1 || third > 255 || fourth < 1 || fourth > 254) {
                return Optional.empty();
            }
            return Optional.of((third - 1) * 254 + (fourth - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
