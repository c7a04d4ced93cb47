package io.qnative.reconciler.revision.resources;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.gateway.Gateway;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The two Kubernetes Services of a Revision that Knative's ServerlessService would create
 * (docs/differences-from-knative.md):
 *
 * <ul>
 *   <li>public {@code <rev>}: no selector; its endpoints are qnative's gateway pods (as Knative points it at the
 *       activator in proxy mode), so in-cluster callers of {@code <rev>.<ns>.svc} are throttled and counted too.
 *       Ports as {@code MakePublicService}: {@code http} 80 ({@code http2} 81 for h2c) and {@code https} 443, their
 *       target ports the gateway's internal listeners;</li>
 *   <li>private {@code <rev>-private}: selects the Revision's pods ({@code revisionUID}); port 80 named
 *       {@code http} ({@code http2} for h2c, as {@code MakePrivateService}) to the user port. The gateway reads its
 *       endpoints.</li>
 * </ul>
 *
 * Labels: the Revision's child labels plus {@code networking.internal.knative.dev/serverlessservice: <rev>} and
 * {@code serviceType: Public|Private}; annotations as the PodAutoscaler's; controlled by the Revision.
 */
public final class Services {

    /** {@code serviceType} of {@code <rev>}. */
    public static final String SERVICE_TYPE_PUBLIC = "Public";
    /** {@code serviceType} of {@code <rev>-private}. */
    public static final String SERVICE_TYPE_PRIVATE = "Private";

    private Services() {
    }

    /** {@code <rev>} with the gateway's default ports as targets. */
    public static Service makePublic(Revision rev) {
        return makePublic(rev, Gateway.Ports.DEFAULTS);
    }

    /** {@code <rev>}, targeting the gateway's cluster-local HTTP and HTTPS listeners. */
    public static Service makePublic(Revision rev, Gateway.Ports gateway) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.publicService(rev))
                .withNamespace(rev.getMetadata().getNamespace())
                .withLabels(labels(rev, SERVICE_TYPE_PUBLIC))
                .withAnnotations(RevisionMeta.autoscalerAnnotations(rev))
                .withOwnerReferences(Kmeta.controllerRef(rev))
                .endMetadata()
                .withNewSpec()
                .withPorts(List.of(httpPort(rev, gateway.internalHttp()), port("https", 443, gateway.internalHttps())))
                .endSpec()
                .build();
    }

    /** {@code <rev>-private}, selecting the Revision's pods. */
    public static Service makePrivate(Revision rev) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.privateService(rev))
                .withNamespace(rev.getMetadata().getNamespace())
                .withLabels(labels(rev, SERVICE_TYPE_PRIVATE))
                .withAnnotations(RevisionMeta.autoscalerAnnotations(rev))
                .withOwnerReferences(Kmeta.controllerRef(rev))
                .endMetadata()
                .withNewSpec()
                .withPorts(List.of(port(portName(rev), 80, rev.userPort())))
                .withSelector(RevisionMeta.selector(rev))
                .endSpec()
                .build();
    }

    /** {@code pkgnet.ServicePortName}/{@code ServicePort}: {@code http2}/81 for h2c, else {@code http}/80. */
    private static ServicePort httpPort(Revision rev, int target) {
        return port(portName(rev), Revision.PROTOCOL_H2C.equals(rev.protocol()) ? 81 : 80, target);
    }

    private static String portName(Revision rev) {
        return Revision.PROTOCOL_H2C.equals(rev.protocol()) ? "http2" : "http";
    }

    private static ServicePort port(String name, int port, int target) {
        return new ServicePortBuilder().withName(name).withProtocol("TCP").withPort(port)
                .withTargetPort(new IntOrString(target)).build();
    }

    private static SortedMap<String, String> labels(Revision rev, String type) {
        return Kmeta.union(RevisionMeta.labels(rev), Map.of(
                NetworkingKeys.SERVERLESS_SERVICE, rev.getMetadata().getName(),
                NetworkingKeys.SERVICE_TYPE, type));
    }
}
