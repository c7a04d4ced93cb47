package io.qnative.reconciler.route.traffic;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.qnative.api.serving.v1.Revision;

/** A Revision's transport protocol ({@code networking.ProtocolType}) and the service port that serves it. */
public enum Protocol {
    /** HTTP/1.1 (and HTTP/2 with TLS): port 80. */
    HTTP1("http1", 80),
    /** Cleartext HTTP/2: port 81. */
    H2C("h2c", 81);

    private final String wire;
    private final int servicePort;

    Protocol(String wire, int servicePort) {
        this.wire = wire;
        this.servicePort = servicePort;
    }

    /** {@code http1} or {@code h2c}. */
    public String wire() {
        return wire;
    }

    /** The revision Service port for this protocol ({@code networking.ServicePort}). */
    public int servicePort() {
        return servicePort;
    }

    /**
     * A Revision's protocol ({@code Revision.GetProtocol}): h2c when the serving container's first port is named
     * {@code h2c}. The serving container is the only container, or the first one declaring ports.
     */
    public static Protocol of(Revision revision) {
        if (revision.getSpec() == null || revision.getSpec().getContainers() == null) {
            return HTTP1;
        }
        List<Container> containers = revision.getSpec().getContainers();
        Container serving = null;
        if (containers.size() == 1) {
            serving = containers.get(0);
        } else {
            for (Container c : containers) {
                if (c.getPorts() != null && !c.getPorts().isEmpty()) {
                    serving = c;
                    break;
                }
            }
        }
        if (serving == null || serving.getPorts() == null || serving.getPorts().isEmpty()) {
            return HTTP1;
        }
        ContainerPort first = serving.getPorts().get(0);
        return H2C.wire.equals(first.getName()) ? H2C : HTTP1;
    }
}
