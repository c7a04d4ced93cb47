package io.qnative.gateway.activator;

/**
 * One pod of a revision as the throttler sees it: its address and the requests this gateway replica has in flight
 * on it (Knative's {@code podTracker}). State is guarded by the owning {@link RevisionThrottler}.
 */
public final class PodTracker {

    private final String ip;
    private final int port;
    private int inFlight;
    private int capacity;

    /**
     * @param ip the pod IP (IPv6 without brackets)
     * @param port the user port
     */
    public PodTracker(String ip, int port) {
        this.ip = ip;
        this.port = port;
    }

    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    /** Requests in flight on this pod through this replica. */
    public int inFlight() {
        return inFlight;
    }

    /** {@code ip:port}, an IPv6 address bracketed ({@link ServiceEndpoints#hostPort}). */
    public String address() {
        return ServiceEndpoints.hostPort(ip, port);
    }

    /** The tracker of an {@code ip:port} or {@code [ipv6]:port} address. */
    public static PodTracker parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PodTracker(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The per-pod slots; 0 means unlimited. */
    int capacity() {
        return capacity;
    }

    /** Sets the per-pod slots; 0 means unlimited. */
    void capacity(int slots) {
        this.capacity = slots;
    }

    /** Takes a slot when one is free. */
    boolean tryReserve() {
        if (capacity > 0 && inFlight >= capacity) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** Whether a slot is free. */
    boolean hasCapacity() {
        return capacity <= 0 || inFlight < capacity;
    }

    void release() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    @Override
    public String toString() {
        return address() + "(" + inFlight + "/" + (capacity == 0 ? "inf" : capacity) + ")";
    }
}
