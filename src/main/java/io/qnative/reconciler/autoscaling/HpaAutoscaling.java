package io.qnative.reconciler.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.autoscaler.scaling.Parameters;
import io.qnative.kube.Children;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.autoscaling.resources.HorizontalPodAutoscalers;
import io.qnative.reconciler.autoscaling.resources.ScaleGate;

/**
 * PodAutoscalers of class {@code hpa.autoscaling.knative.dev} (Knative's {@code pkg/reconciler/autoscaling/hpa/
 * hpa.go}): their HorizontalPodAutoscaler ({@code autoscaling/v2}, or {@code v2beta2} on servers before 1.23) is
 * created and kept as {@link HorizontalPodAutoscalers#make} builds it, and the PA reflects it: always Active,
 * desired/actual scale from the HPA's desired/current replicas, ScaleTargetInitialized once the current replicas
 * reach the active threshold. HPAs are read from the API server (they are few), and re-read every
 * {@link #RESYNC} since no informer watches them.
 */
final class HpaAutoscaling {

    /** How often an HPA-class PA is looked at again to pick up the HPA's status. */
    static final Duration RESYNC = Duration.ofSeconds(15);
    /** The first minor version serving {@code autoscaling/v2}. */
    static final int V2_MINOR = 23;

    private final KubernetesClient client;
    private final Children children;
    private final IntSupplier serverMinor;

    HpaAutoscaling(KubernetesClient client, Children children, IntSupplier serverMinor) {
        this.client = client;
        this.children = children;
        this.serverMinor = serverMinor;
    }

    /** Brings the HPA in line and reports it on the PA's status. */
    Result reconcile(PodAutoscaler pa, Parameters params, Instant now) throws Exception {
        HorizontalPodAutoscaler want = HorizontalPodAutoscalers.make(pa, params);
        HasMetadata desired = serverMinor.getAsInt() >= V2_MINOR ? want
                : HorizontalPodAutoscalers.asV2beta2(want);
        HasMetadata have = client.resource(desired).get();
        HasMetadata stored;
        try {
            stored = children.apply(pa, have, desired, HpaAutoscaling::same, HpaAutoscaling::merge);
        } catch (Children.NotOwnedException e) {
            pa.getStatus().markResourceNotOwned(e.kind(), e.name(), now);
            throw e;
        }
        report(pa.getStatus(), params, stored == null ? null : v2(stored).getStatus(), now);
        return Result.requeueAfter(RESYNC);
    }

    private static void report(PodAutoscalerStatus status, Parameters params, HorizontalPodAutoscalerStatus hpa,
            Instant now) {
        int desired = hpa == null || hpa.getDesiredReplicas() == null ? 0 : hpa.getDesiredReplicas();
        int current = hpa == null || hpa.getCurrentReplicas() == null ? 0 : hpa.getCurrentReplicas();
        if (!status.isScaleTargetInitialized() && current >= ScaleGate.activeThreshold(params, false)) {
            status.markScaleTargetInitialized(now);
        }
        status.markActive(now);
        status.setDesiredScale(desired);
        status.setActualScale(current);
    }

    private static HorizontalPodAutoscaler v2(HasMetadata hpa) {
        return hpa instanceof HorizontalPodAutoscaler v ? v
                : Serialization.jsonMapper().convertValue(hpa, HorizontalPodAutoscaler.class);
    }

    private static boolean same(HasMetadata have, HasMetadata want) {
        return Objects.equals(v2(have).getSpec(), v2(want).getSpec()) && Children.sameMetadata(have, want);
    }

    private static HasMetadata merge(HasMetadata copy, HasMetadata want) {
        ObjectNode json = Serialization.jsonMapper().valueToTree(copy);
        json.set("spec", Serialization.jsonMapper().valueToTree(v2(want).getSpec()));
        HasMetadata out = Serialization.jsonMapper().convertValue(json, copy.getClass());
        out.getMetadata().setLabels(want.getMetadata().getLabels());
        out.getMetadata().setAnnotations(want.getMetadata().getAnnotations());
        return out;
    }

    /**
     * The API server's minor version, asked until it answers and then remembered; 20 (the oldest supported, so
     * {@code v2beta2}) while it cannot tell.
     */
    static IntSupplier serverMinor(KubernetesClient client) {
        AtomicInteger known = new AtomicInteger(-1);
        return () -> {
            int m = known.get();
            if (m >= 0) {
                return m;
            }
            try {
                String minor = client.getKubernetesVersion().getMinor();
                Matcher digits = Pattern.compile("^\\d+").matcher(minor == null ? "" : minor);
                if (digits.find()) {
                    known.set(Integer.parseInt(digits.group()));
                    return known.get();
                }
            } catch (RuntimeException e) {
                // not reachable yet: assume the oldest and ask again next time
            }
            return 20;
        };
    }
}
