package io.qnative.reconciler.configuration.resources;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.duck.ConditionManager;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionSpec;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The Revision a Configuration stamps from its template for its current generation (Knative's
 * pkg/reconciler/configuration/configuration.go,
 * {@code MakeRevision}): the template's labels and annotations (not the Configuration's), plus the labels
 * {@code configuration}, {@code configurationGeneration}, {@code configurationUID} and, when the Configuration has
 * them, {@code service}/{@code serviceUID}; {@code creator} = the Configuration's {@code lastModifier}; routing state
 * {@code active} with the Configuration's {@code routes} when it has that annotation, else {@code pending}, stamped
 * with {@code now}; spec = the template's spec; controlled by the Configuration.
 */
public final class Revisions {

    private Revisions() {
    }

    /** The Revision for the Configuration's current generation, named by {@link Names#revision(Configuration)}. */
    public static Revision make(Configuration configuration, Instant now) {
        ObjectMeta config = configuration.getMetadata();
        RevisionTemplateSpec template = configuration.getSpec() == null ? null : configuration.getSpec().getTemplate();
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta()
                : template.getMetadata();
        Map<String, String> configLabels = config.getLabels() == null ? Map.of() : config.getLabels();
        Map<String, String> configAnnotations = config.getAnnotations() == null ? Map.of() : config.getAnnotations();

        SortedMap<String, String> labels = Kmeta.union(templateMeta.getLabels());
        putIfNotEmpty(labels, ServingKeys.CONFIGURATION, config.getName());
        putIfNotEmpty(labels, ServingKeys.SERVICE, configLabels.get(ServingKeys.SERVICE));
        putIfNotEmpty(labels, ServingKeys.CONFIGURATION_GENERATION,
                String.valueOf(config.getGeneration() == null ? 0 : config.getGeneration()));
        putIfNotEmpty(labels, ServingKeys.CONFIGURATION_UID, config.getUid());
        putIfNotEmpty(labels, ServingKeys.SERVICE_UID, configLabels.get(ServingKeys.SERVICE_UID));

        SortedMap<String, String> annotations = Kmeta.union(templateMeta.getAnnotations());
        if (configAnnotations.containsKey(ServingKeys.LAST_MODIFIER)) {
            annotations.put(ServingKeys.CREATOR, configAnnotations.get(ServingKeys.LAST_MODIFIER));
        }
        String routes = configAnnotations.get(ServingKeys.ROUTES);
        if (routes != null) {
            annotations.put(ServingKeys.ROUTES, routes);
        }
        setRoutingState(labels, annotations,
                routes != null ? ServingKeys.ROUTING_STATE_ACTIVE : ServingKeys.ROUTING_STATE_PENDING, now);

        Revision rev = new Revision();
        rev.setMetadata(new ObjectMetaBuilder()
                .withName(Names.revision(configuration))
                .withNamespace(config.getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(Kmeta.controllerRef(configuration))
                .build());
        rev.setSpec(Kmeta.deepCopy(template == null ? new RevisionSpec() : template.getSpec(), RevisionSpec.class));
        return rev;
    }

    /**
     * Whether a bring-your-own revision name is usable ({@code CheckNameAvailability}): free when no Revision has
     * it; usable when the existing one is controlled by this Configuration and either carries its current
     * generation or has the template's spec; otherwise taken.
     *
     * @param existing the Revision of the template's name, or null when there is none
     * @return the AlreadyExists message when the name is taken, else null
     */
    public static String byoNameConflict(Configuration configuration, Revision existing) {
        String name = Names.byoRevisionName(configuration);
        if (name == null || existing == null) {
            return null;
        }
        String conflict = "revisions." + ServingKeys.GROUP + " \"" + name + "\" already exists";
        if (!Kmeta.isControlledBy(existing, configuration)) {
            return conflict;
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        String generation = String.valueOf(configuration.getMetadata().getGeneration() == null ? 0
                : configuration.getMetadata().getGeneration());
        if (labels != null && generation.equals(labels.get(ServingKeys.CONFIGURATION_GENERATION))) {
            return null;
        }
        RevisionSpec want = configuration.getSpec().getTemplate().getSpec();
        return Objects.equals(want, existing.getSpec()) ? null : conflict;
    }

    /**
     * {@code Revision.SetRoutingState}: sets the routing-state label and stamps {@code routingStateModified} with
     * {@code now} (RFC 3339, UTC, whole seconds), unless the state is unchanged and already stamped.
     */
    public static void setRoutingState(Map<String, String> labels, Map<String, String> annotations, String state,
            Instant now) {
        String stamp = annotations.get(ServingKeys.ROUTING_STATE_MODIFIED);
        if (stamp != null && !stamp.isEmpty() && state.equals(labels.get(ServingKeys.ROUTING_STATE))) {
            return;
        }
        labels.put(ServingKeys.ROUTING_STATE, state);
        annotations.put(ServingKeys.ROUTING_STATE_MODIFIED, ConditionManager.format(now));
    }

    private static void putIfNotEmpty(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
