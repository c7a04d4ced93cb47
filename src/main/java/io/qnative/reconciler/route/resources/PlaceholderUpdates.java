package io.qnative.reconciler.route.resources;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.qnative.kube.Kmeta;

/**
 * How a live placeholder Service (or its Endpoints) is brought to the desired one (Knative's
 * pkg/reconciler/route/resources): only the
 * fields the Route sets are compared, with the API server's defaults (port protocol {@code TCP}, targetPort = port,
 * an allocated clusterIP) counting as equal, so a defaulted object is not rewritten on every pass; labels and
 * annotations are unioned (keys the Route no longer has linger, as in Knative); a change between
 * {@code ExternalName} and a ClusterIP Service, or between headless and allocated, needs a delete and create.
 * Pure.
 */
public final class PlaceholderUpdates {

    private static final String HEADLESS = "None";

    private PlaceholderUpdates() {
    }

    /** Whether the live Service already has every field the desired one sets. */
    public static boolean same(Service live, Service desired) {
        return containsAll(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && containsAll(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
                && sameSpec(spec(live), spec(desired));
    }

    /** Whether going from the live to the desired Service changes an immutable field. */
    public static boolean needsRecreate(Service live, Service desired) {
        ServiceSpec l = spec(live);
        ServiceSpec d = spec(desired);
        return !type(l).equals(type(d)) || HEADLESS.equals(l.getClusterIP()) != HEADLESS.equals(d.getClusterIP());
    }

    /** The live Service's copy with the desired spec fields and the union of labels and annotations. */
    public static Service merge(Service copy, Service desired) {
        copy.getMetadata().setLabels(Kmeta.nullIfEmpty(Kmeta.union(copy.getMetadata().getLabels(),
                desired.getMetadata().getLabels())));
        copy.getMetadata().setAnnotations(Kmeta.nullIfEmpty(Kmeta.union(copy.getMetadata().getAnnotations(),
                desired.getMetadata().getAnnotations())));
        ServiceSpec s = copy.getSpec() == null ? new ServiceSpec() : copy.getSpec();
        ServiceSpec d = spec(desired);
        s.setType(d.getType());
        s.setExternalName(d.getExternalName());
        if (d.getClusterIP() != null) {
            s.setClusterIP(d.getClusterIP());
        }
        if (d.getSessionAffinity() != null) {
            s.setSessionAffinity(d.getSessionAffinity());
        }
        s.setPorts(d.getPorts());
        copy.setSpec(s);
        return copy;
    }

    /**
     * The Service to create after deleting {@code live} for an immutable change: the desired one keeping the live
     * labels and annotations it lacks (e.g. a user's visibility label on a tag's Service).
     */
    public static Service recreated(Service live, Service desired) {
        Service fresh = Kmeta.deepCopy(desired, Service.class);
        fresh.getMetadata().setLabels(Kmeta.nullIfEmpty(Kmeta.union(live.getMetadata().getLabels(),
                desired.getMetadata().getLabels())));
        fresh.getMetadata().setAnnotations(Kmeta.nullIfEmpty(Kmeta.union(live.getMetadata().getAnnotations(),
                desired.getMetadata().getAnnotations())));
        return fresh;
    }

    /** Whether the live Endpoints have the desired subsets, labels and annotations. */
    public static boolean sameEndpoints(Endpoints live, Endpoints desired) {
        return containsAll(live.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && containsAll(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
                && Objects.equals(live.getSubsets(), desired.getSubsets());
    }

    /** The live Endpoints' copy with the desired subsets and the union of labels and annotations. */
    public static Endpoints mergeEndpoints(Endpoints copy, Endpoints desired) {
        copy.getMetadata().setLabels(Kmeta.nullIfEmpty(Kmeta.union(copy.getMetadata().getLabels(),
                desired.getMetadata().getLabels())));
        copy.getMetadata().setAnnotations(Kmeta.nullIfEmpty(Kmeta.union(copy.getMetadata().getAnnotations(),
                desired.getMetadata().getAnnotations())));
        copy.setSubsets(desired.getSubsets());
        return copy;
    }

    private static boolean sameSpec(ServiceSpec live, ServiceSpec desired) {
        return type(live).equals(type(desired))
                && Objects.equals(live.getExternalName(), desired.getExternalName())
                && (desired.getClusterIP() == null ? !HEADLESS.equals(live.getClusterIP())
                        : desired.getClusterIP().equals(live.getClusterIP()))
                && (desired.getSessionAffinity() == null
                        || desired.getSessionAffinity().equals(live.getSessionAffinity()))
                && samePorts(live.getPorts(), desired.getPorts());
    }

    private static boolean samePorts(List<ServicePort> live, List<ServicePort> desired) {
        List<ServicePort> l = live == null ? List.of() : live;
        List<ServicePort> d = desired == null ? List.of() : desired;
        if (l.size() != d.size()) {
            return false;
        }
        for (int i = 0; i < l.size(); i++) {
            if (!samePort(l.get(i), d.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePort(ServicePort live, ServicePort desired) {
        return Objects.equals(live.getName(), desired.getName())
                && Objects.equals(live.getPort(), desired.getPort())
                && Objects.equals(targetPort(live), targetPort(desired))
                && Objects.equals(live.getAppProtocol(), desired.getAppProtocol())
                && protocol(live).equals(protocol(desired));
    }

    private static IntOrString targetPort(ServicePort p) {
        return p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
    }

    private static String protocol(ServicePort p) {
        return p.getProtocol() == null ? "TCP" : p.getProtocol();
    }

    private static String type(ServiceSpec s) {
        return s.getType() == null ? "ClusterIP" : s.getType();
    }

    private static ServiceSpec spec(Service s) {
        return s.getSpec() == null ? new ServiceSpec() : s.getSpec();
    }

    private static boolean containsAll(Map<String, String> live, Map<String, String> desired) {
        if (desired == null || desired.isEmpty()) {
            return true;
        }
        Map<String, String> l = live == null ? Map.of() : live;
        return desired.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), l.get(e.getKey())));
    }
}
