package io.qnative.testing.crd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1beta1.DomainMapping;

/**
 * What each CRD carries beyond its Java type (Knative's config/core/300-resources): printer columns in order, CRD
 * labels, and whether it
 * has a status subresource.
 */
public final class CrdKinds {

    /** One printer column. */
    public record Column(String name, String type, String jsonPath) {
    }

    /** The CRD extras of one kind. */
    public record Kind(Class<? extends HasMetadata> type, List<Column> columns, Map<String, String> labels,
            boolean hasStatus) {
    }

    static final Column READY = new Column("Ready", "string", ".status.conditions[?(@.type=='Ready')].status");
    static final Column REASON = new Column("Reason", "string", ".status.conditions[?(@.type=='Ready')].reason");
    static final Column URL = new Column("URL", "string", ".status.url");
    static final Column LATEST_CREATED =
            new Column("LatestCreated", "string", ".status.latestCreatedRevisionName");
    static final Column LATEST_READY = new Column("LatestReady", "string", ".status.latestReadyRevisionName");

    private static final String ADDRESSABLE = "duck.knative.dev/addressable";
    private static final String PODSPECABLE = "duck.knative.dev/podspecable";

    /** Every kind qnative installs a CRD for, in a stable order. */
    public static final Map<Class<? extends HasMetadata>, Kind> ALL = new LinkedHashMap<>();

    static {
        add(Service.class, List.of(URL, LATEST_CREATED, LATEST_READY, READY, REASON), ADDRESSABLE, PODSPECABLE);
        add(Configuration.class, List.of(LATEST_CREATED, LATEST_READY, READY, REASON), PODSPECABLE);
        add(Revision.class, List.of(
                new Column("Config Name", "string", ".metadata.labels['serving\\.knative\\.dev/configuration']"),
                new Column("Generation", "string",
                        ".metadata.labels['serving\\.knative\\.dev/configurationGeneration']"),
                READY, REASON,
                new Column("Actual Replicas", "integer", ".status.actualReplicas"),
                new Column("Desired Replicas", "integer", ".status.desiredReplicas")));
        add(Route.class, List.of(URL, READY, REASON), ADDRESSABLE);
        add(DomainMapping.class, List.of(URL, READY, REASON));
        add(PodAutoscaler.class, List.of(
                new Column("DesiredScale", "integer", ".status.desiredScale"),
                new Column("ActualScale", "integer", ".status.actualScale"),
                READY, REASON));
        add(Ingress.class, List.of(READY, REASON));
        add(Certificate.class, List.of(READY, REASON));
        ALL.put(ClusterDomainClaim.class, new Kind(ClusterDomainClaim.class, List.of(), baseLabels(), false));
    }

    private CrdKinds() {
    }

    private static void add(Class<? extends HasMetadata> type, List<Column> columns, String... trueLabels) {
        Map<String, String> labels = baseLabels();
        for (String l : trueLabels) {
            labels.put(l, "true");
        }
        ALL.put(type, new Kind(type, columns, labels, true));
    }

    private static Map<String, String> baseLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "qnative");
        labels.put("knative.dev/crd-install", "true");
        return labels;
    }

    /** The kind with this Kubernetes kind and group. */
    public static Kind byKindAndGroup(String kind, String group) {
        for (Kind k : ALL.values()) {
            if (HasMetadata.getKind(k.type()).equals(kind) && HasMetadata.getGroup(k.type()).equals(group)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no CRD kind " + kind + "." + group);
    }

    /** The Java type of a manifest's apiVersion and kind, or null. */
    public static Class<? extends HasMetadata> typeOf(String apiVersion, String kind) {
        List<Class<? extends HasMetadata>> found = new ArrayList<>();
        for (Kind k : ALL.values()) {
            if (HasMetadata.getApiVersion(k.type()).equals(apiVersion) && HasMetadata.getKind(k.type()).equals(kind)) {
                found.add(k.type());
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
