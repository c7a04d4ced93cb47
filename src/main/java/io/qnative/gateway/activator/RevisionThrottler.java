package io.qnative.gateway.activator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One revision's capacity (Knative's {@code revisionThrottler} and {@code queue.Breaker}): the healthy pods, this
 * replica's slice of them, each pod's containerConcurrency slots, and a bounded FIFO of requests waiting for a slot.
 * A request gets a pod at once when the policy finds a free slot; otherwise it waits in line, and every freed slot
 * or new pod serves the head of the line. A cc of 0 means unlimited slots: the line only waits for the first pod.
 * All state is guarded by this object; callbacks run after the lock is released.
 */
public final class RevisionThrottler {

    private static final Comparator<PodTracker> BY_IP = Comparator.comparing(PodTracker::ip, RevisionThrottler::ipOrder)
            .thenComparingInt(PodTracker::port);

    private final QueueLimits global;
    private final RandomGenerator random;
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private List<PodTracker> healthy = List.of();
    private List<PodTracker> assigned = List.of();
    private int containerConcurrency;
    private int queueLimit;
    private LbPolicy policy;
    private String failure;
    private int self = -1;
    private int replicas = 1;

    /**
     * @param global the gateway-wide queue cap
     * @param containerConcurrency slots per pod, 0 unlimited
     * @param queueLimit the most requests waiting for this revision
     */
    public RevisionThrottler(QueueLimits global, RandomGenerator random, int containerConcurrency, int queueLimit) {
        this.global = global;
        this.random = random;
        this.containerConcurrency = containerConcurrency;
        this.queueLimit = queueLimit;
        this.policy = LbPolicy.forConcurrency(containerConcurrency, random);
    }

    /** Applies a changed containerConcurrency or queue bound (a revision's spec is immutable; config may change). */
    public void configure(int cc, int limit) {
        List<Runnable> after;
        synchronized (this) {
            if (cc != containerConcurrency) {
                containerConcurrency = cc;
                policy = LbPolicy.forConcurrency(cc, random);
                reassign();
            }
            queueLimit = limit;
            after = drain();
        }
        after.forEach(Runnable::run);
    }

    /** Asks for a slot: the callback is granted now, later (queued) or rejected. */
    public void acquire(Ticket ticket) {
        PodTracker granted = null;
        Ticket.Rejection rejection = null;
        String reason = null;
        synchronized (this) {
            if (failure != null) {
                rejection = Ticket.Rejection.FAILED;
                reason = failure;
            } else if (queue.isEmpty() && (granted = take(ticket)) != null) {
                // granted a slot without waiting
            } else if (queue.size() >= queueLimit || !global.tryTake()) {
                rejection = Ticket.Rejection.OVERFLOW;
                reason = "too many requests waiting for this revision";
            } else {
                ticket.state = Ticket.State.QUEUED;
                queue.addLast(ticket);
            }
        }
        // outside the lock, as the callbacks drain() collects
        if (granted != null) {
            ticket.callback.granted(granted);
        } else if (rejection != null) {
            ticket.callback.rejected(rejection, reason);
        }
    }

    /** Gives a ticket's slot back (or its place in line); idempotent. */
    public void release(Ticket ticket) {
        List<Runnable> after;
        synchronized (this) {
            if (ticket.state == Ticket.State.QUEUED && queue.remove(ticket)) {
                global.giveBack();
            } else if (ticket.state == Ticket.State.GRANTED && ticket.pod != null) {
                ticket.pod.release();
            }
            ticket.state = Ticket.State.DONE;
            after = drain();
        }
        after.forEach(Runnable::run);
    }

    /** Replaces the healthy pods (trackers of pods still present are kept, with their counts). */
    public void pods(Collection<PodTracker> pods) {
        List<Runnable> after;
        synchronized (this) {
            List<PodTracker> sorted = new ArrayList<>(pods);
            sorted.sort(BY_IP);
            healthy = List.copyOf(sorted);
            reassign();
            after = drain();
        }
        after.forEach(Runnable::run);
    }

    /** Takes a pod out of rotation at once (it refused a connection). */
    public void eject(PodTracker pod) {
        synchronized (this) {
            List<PodTracker> rest = new ArrayList<>(healthy);
            if (rest.remove(pod)) {
                healthy = List.copyOf(rest);
                reassign();
            }
        }
    }

    /** This replica's index among the gateway replicas (-1 unknown) and their number. */
    public void replicas(int selfIndex, int count) {
        List<Runnable> after;
        synchronized (this) {
            self = selfIndex;
            replicas = count;
            reassign();
            after = drain();
        }
        after.forEach(Runnable::run);
    }

    /** Marks the revision failing: queued and new requests are rejected with the reason. Null clears it. */
    public void failing(String reason) {
        List<Runnable> after = List.of();
        synchronized (this) {
            failure = reason;
            if (reason != null && !queue.isEmpty()) {
                after = new ArrayList<>();
                for (Ticket t : queue) {
                    t.state = Ticket.State.DONE;
                    global.giveBack();
                    after.add(() -> t.callback.rejected(Ticket.Rejection.FAILED, reason));
                }
                queue.clear();
            }
        }
        after.forEach(Runnable::run);
    }

    private void reassign() {
        List<PodTracker> slice = containerConcurrency > 0 ? Slicing.assign(healthy, self, replicas) : healthy;
        for (PodTracker p : slice) {
            p.capacity(containerConcurrency);
        }
        assigned = slice;
    }

    private boolean grant(Ticket ticket, List<Runnable> after) {
        PodTracker pod = take(ticket);
        if (pod == null) {
            return false;
        }
        after.add(() -> ticket.callback.granted(pod));
        return true;
    }

    /** Reserves a slot on a pod for {@code ticket} (its callback not yet told), or null when none is free. */
    private PodTracker take(Ticket ticket) {
        PodTracker pod = policy.pick(elsewhere(assigned, ticket.avoid));
        if (pod == null) {
            return null;
        }
        ticket.state = Ticket.State.GRANTED;
        ticket.pod = pod;
        return pod;
    }

    /** {@code pods} without {@code avoid} when other pods are left, else {@code pods} as they are. */
    private static List<PodTracker> elsewhere(List<PodTracker> pods, PodTracker avoid) {
        if (avoid == null || pods.size() < 2 || !pods.contains(avoid)) {
            return pods;
        }
        List<PodTracker> rest = new ArrayList<>(pods);
        rest.remove(avoid);
        return rest;
    }

    private List<Runnable> drain() {
        if (queue.isEmpty()) {
            // the common case on every release: nobody waits
            return List.of();
        }
        List<Runnable> after = new ArrayList<>();
        Iterator<Ticket> it = queue.iterator();
        while (it.hasNext()) {
            Ticket head = it.next();
            if (!grant(head, after)) {
                break;
            }
            it.remove();
            global.giveBack();
        }
        return after;
    }

    /** Requests waiting. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Healthy pods (all replicas' view). */
    public synchronized int healthyPods() {
        return healthy.size();
    }

    /** The pods this replica sends to. */
    public synchronized List<PodTracker> assigned() {
        return assigned;
    }

    /**
     * This replica's slots for the revision (the capacity of Knative's revision breaker, {@code updateCapacity} in
     * pkg/activator/net/throttler.go): containerConcurrency times the pods assigned to this replica; with a cc of 0
     * the gate is open (1) while any pod is healthy and closed (0) otherwise, as Knative's {@code infiniteBreaker}.
     */
    public synchronized int capacity() {
        if (containerConcurrency <= 0) {
            return assigned.isEmpty() ? 0 : 1;
        }
        return containerConcurrency * assigned.size();
    }

    /** Requests in flight on this revision's pods through this replica. */
    public synchronized int inFlight() {
        return healthy.stream().mapToInt(PodTracker::inFlight).sum();
    }

    /** Orders IPv4 addresses numerically, anything else as text. */
    static int ipOrder(String a, String b) {
        long x = ipv4(a);
        long y = ipv4(b);
        if (x >= 0 && y >= 0) {
            return Long.compare(x, y);
        }
        return a.compareTo(b);
    }

    private static long ipv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        try {
            for (String p : parts) {
                v = v * 256 + Integer.parseInt(p);
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return v;
    }
}
