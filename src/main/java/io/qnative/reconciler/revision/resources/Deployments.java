package io.qnative.reconciler.revision.resources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.qnative.api.autoscaling.AutoscalingKeys;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.GoValues;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;

/**
 * The Deployment of a Revision, {@code <rev>-deployment} (Knative's {@code MakeDeployment} in
 * pkg/reconciler/revision/resources/deploy.go, adapted as
 * docs/differences-from-knative.md says): labels per {@link RevisionMeta#labels} plus {@code
 * serving.knative.dev/deployment-hash}; annotations
 * without the excluded and autoscaling keys; selector on the Revision's UID; replicas = initial-scale annotation or
 * {@code config-autoscaler}; progress deadline = annotation or {@code config-deployment}; no revision history;
 * rolling update with maxUnavailable 0; the pod template per {@link PodSpecs}.
 */
public final class Deployments {

    private static final ObjectMapper HASHING = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Deployments() {
    }

    /** The Deployment a Revision wants. */
    public static Deployment make(Revision rev, ConfigSnapshot config, DeploymentOptions options) {
        SortedMap<String, String> labels = RevisionMeta.labels(rev);
        PodSpec podSpec = PodSpecs.make(rev, config, options);
        Deployment d = new DeploymentBuilder()
                .withNewMetadata()
                .withName(Names.deployment(rev))
                .withNamespace(rev.getMetadata().getNamespace())
                .withLabels(new TreeMap<>(labels))
                .withAnnotations(RevisionMeta.deploymentAnnotations(rev))
                .withOwnerReferences(Kmeta.controllerRef(rev))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas(rev, config))
                .withNewSelector().withMatchLabels(RevisionMeta.selector(rev)).endSelector()
                .withProgressDeadlineSeconds(progressDeadlineSeconds(rev, config))
                .withRevisionHistoryLimit(0)
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(RevisionMeta.podAnnotations(rev))
                .endMetadata()
                .withSpec(podSpec)
                .endTemplate()
                .endSpec()
                .build();
        d.getMetadata().getLabels().put(ServingKeys.DEPLOYMENT_HASH, hash(d));
        return d;
    }

    /** The {@code initial-scale} annotation (validated by admission), else {@code config-autoscaler}'s. */
    static int replicas(Revision rev, ConfigSnapshot config) {
        String ann = RevisionMeta.annotation(rev, AutoscalingKeys.INITIAL_SCALE, AutoscalingKeys.INITIAL_SCALE_LEGACY);
        if (ann != null) {
            try {
                return GoValues.parseInt32(ann);
            } catch (IllegalArgumentException e) {
                // Admission rejects bad values; an object stored before validation keeps the cluster default.
            }
        }
        return config.autoscaler().initialScale();
    }

    /** The {@code serving.knative.dev/progress-deadline} annotation, else {@code config-deployment}'s, in seconds. */
    static int progressDeadlineSeconds(Revision rev, ConfigSnapshot config) {
        Duration d = config.deployment().progressDeadline();
        String ann = RevisionMeta.annotation(rev, ServingKeys.PROGRESS_DEADLINE, null);
        if (ann != null) {
            try {
                d = GoValues.parseDuration(ann);
            } catch (IllegalArgumentException e) {
                // As above: admission validates it.
            }
        }
        return (int) d.getSeconds();
    }

    /**
     * The {@code deployment-hash} label ({@code UpdateDeploymentHashLabel}): FNV-1a 32 of the spec, annotations and
     * labels (without the hash), base 36. The reconciler updates a Deployment only when it changes. The input is the
     * objects' JSON with sorted keys, not Go's {@code dump.ForHash}, so the value differs from Knative's.
     */
    static String hash(Deployment d) {
        SortedMap<String, String> labels = new TreeMap<>(d.getMetadata().getLabels());
        labels.remove(ServingKeys.DEPLOYMENT_HASH);
        int h = 0x811c9dc5;
        for (Object part : new Object[] {d.getSpec(), new TreeMap<>(d.getMetadata().getAnnotations()), labels}) {
            for (byte b : json(part)) {
                h ^= b & 0xff;
                h *= 0x01000193;
            }
        }
        return Long.toString(Integer.toUnsignedLong(h), 36);
    }

    private static byte[] json(Object o) {
        try {
            return HASHING.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Deployment always serializes", e);
        }
    }
}
