package io.qnative.gateway.activator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Service's endpoints as the gateway reads them, whichever API listed them ({@link PodAddresses} reads both
 * {@code discovery.k8s.io/v1} EndpointSlices and core/v1 Endpoints into this): groups of addresses that share one
 * port list (a slice, or an Endpoints subset). Every reader of endpoints in the gateway goes through it: a revision's
 * pods, a plain Service backend's addresses and the gateway's own replicas. Pure.
 *
 * @param groups the groups, in the order listed
 */
public record ServiceEndpoints(List<Group> groups) {

    /** No endpoints (no Service, or none listed yet). */
    public static final ServiceEndpoints NONE = new ServiceEndpoints(List.of());

    public ServiceEndpoints {
        groups = List.copyOf(groups);
    }

    /**
     * A named port of a group.
     *
     * @param name the port's name, empty when unnamed
     * @param port the port number
     */
    public record Port(String name, int port) {
        public Port {
            name = name == null ? "" : name;
        }
    }

    /**
     * One endpoint address.
     *
     * @param ip the IP (IPv6 without brackets)
     * @param ready whether Kubernetes lists it as ready
     * @param pod the name of the pod it targets, null when not a pod
     */
    public record Address(String ip, boolean ready, String pod) {
    }

    /** Addresses sharing a port list. */
    public record Group(List<Port> ports, List<Address> addresses) {
        public Group {
            ports = List.copyOf(ports);
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * {@code ip:port} to dial, an IPv6 address bracketed ({@code [fd00::1]:8012}); also the Host of a request to the
     * address.
     */
    public static String hostPort(String ip, int port) {
        return host(ip) + ":" + port;
    }

    /** The IP as a URI host: an IPv6 address bracketed. */
    public static String host(String ip) {
        return ip.indexOf(':') >= 0 && !ip.startsWith("[") ? "[" + ip + "]" : ip;
    }

    /**
     * A revision's pods, {@code ip:port} to ready, on the private Service's port named {@code http} or {@code http2}
     * (else the first of a group): an address listed twice (while the EndpointSlice controller moves a pod between
     * slices) counts once, ready if either says so.
     */
    public Map<String, Boolean> revisionPods() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Group g : groups) {
            int port = revisionPort(g.ports());
            if (port <= 0) {
                continue;
            }
            for (Address a : g.addresses()) {
                if (a.ready()) {
                    out.put(hostPort(a.ip(), port), true);
                } else {
                    out.putIfAbsent(hostPort(a.ip(), port), false);
                }
            }
        }
        return out;
    }

    /**
     * The ready addresses, {@code ip:port}, on the endpoint port named {@code portName} (null or empty: the unnamed
     * port), as kube-proxy resolves a Service port's {@code targetPort}; each once.
     */
    public List<String> ready(String portName) {
        String wanted = portName == null ? "" : portName;
        Set<String> out = new LinkedHashSet<>();
        for (Group g : groups) {
            Integer port = g.ports().stream().filter(p -> Objects.equals(wanted, p.name())).map(Port::port)
                    .findFirst().orElse(null);
            if (port == null) {
                continue;
            }
            g.addresses().stream().filter(Address::ready).forEach(a -> out.add(hostPort(a.ip(), port)));
        }
        return List.copyOf(out);
    }

    /** The ready addresses of every group, each IP once (a pod listed in two slices too). */
    public List<Address> readyAddresses() {
        Map<String, Address> out = new LinkedHashMap<>();
        for (Group g : groups) {
            g.addresses().stream().filter(Address::ready).forEach(a -> out.putIfAbsent(a.ip(), a));
        }
        return new ArrayList<>(out.values());
    }

    /** The port named {@code http} or {@code http2} (the private Service's), else the first; -1 when none. */
    private static int revisionPort(List<Port> ports) {
        if (ports.isEmpty()) {
            return -1;
        }
        return ports.stream().filter(p -> "http".equals(p.name()) || "http2".equals(p.name())).map(Port::port)
                .findFirst().orElse(ports.get(0).port());
    }
}
