package io.qnative.reconciler.service.resources;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The Configuration of a Service (Knative's pkg/reconciler/service/service.go, {@code
 * MakeConfigurationFromExisting}): the Service's labels plus
 * {@code serving.knative.dev/service} and {@code serviceUID}; its annotations minus last-applied and both
 * rollout-duration keys, plus {@code serving.knative.dev/routes} = the existing value with the Service's Route added
 * (sorted, comma-joined); spec = the Service's template; controlled by the Service.
 */
public final class Configurations {

    private Configurations() {
    }

    /** The Configuration a Service wants when none exists yet. */
    public static Configuration make(Service service) {
        return make(service, null);
    }

    /**
     * The Configuration a Service wants, keeping the Route names an existing Configuration's {@code routes}
     * annotation lists.
     *
     * @param existing the current Configuration of that name, or null
     */
    public static Configuration make(Service service, Configuration existing) {
        SortedMap<String, String> labels = Kmeta.union(service.getMetadata().getLabels(), Map.of(
                ServingKeys.SERVICE, service.getMetadata().getName(),
                ServingKeys.SERVICE_UID, nullToEmpty(service.getMetadata().getUid())));
        SortedMap<String, String> annotations = Kmeta.filter(service.getMetadata().getAnnotations(),
                k -> k.equals(Kmeta.LAST_APPLIED_CONFIGURATION) || k.equals(ServingKeys.ROLLOUT_DURATION)
                        || k.equals(ServingKeys.ROLLOUT_DURATION_LEGACY));
        SortedSet<String> routes = Kmeta.listAnnotation(existing == null ? null
                : existing.getMetadata().getAnnotations(), ServingKeys.ROUTES);
        routes.add(Names.route(service));
        annotations.put(ServingKeys.ROUTES, String.join(",", routes));

        Configuration c = new Configuration();
        c.setMetadata(new ObjectMetaBuilder()
                .withName(Names.configuration(service))
                .withNamespace(service.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(Kmeta.controllerRef(service))
                .build());
        ConfigurationSpec spec = new ConfigurationSpec();
        RevisionTemplateSpec template = service.getSpec() == null ? null : service.getSpec().getTemplate();
        spec.setTemplate(Kmeta.deepCopy(template, RevisionTemplateSpec.class));
        c.setSpec(spec);
        return c;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
