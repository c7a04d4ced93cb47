package io.qnative.reconciler.service.resources;

import java.util.List;
import java.util.Objects;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;

/**
 * Whether a Route already routes what its spec asks (Knative's pkg/reconciler/service/service.go, the Service
 * reconciler's
 * {@code checkRoutesNotReady}): status.traffic equals spec.traffic once every target naming the Service's
 * Configuration is replaced by that Configuration's latest ready Revision, comparing tag, revisionName,
 * configurationName and percent (not url or latestRevision). When it does not, the Service marks
 * {@code TrafficNotMigrated}.
 */
public final class TrafficMigration {

    private TrafficMigration() {
    }

    /** True when the Route's status.traffic matches its spec with the Configuration resolved. */
    public static boolean isMigrated(Configuration configuration, Route route) {
        List<TrafficTarget> want = route.getSpec() == null ? null : route.getSpec().getTraffic();
        List<TrafficTarget> got = route.getStatus() == null ? null : route.getStatus().getTraffic();
        int wantSize = want == null ? 0 : want.size();
        int gotSize = got == null ? 0 : got.size();
        if (wantSize != gotSize) {
            return false;
        }
        String configName = configuration.getMetadata().getName();
        String latestReady = configuration.getStatus() == null ? null
                : configuration.getStatus().getLatestReadyRevisionName();
        for (int i = 0; i < wantSize; i++) {
            TrafficTarget w = want.get(i);
            TrafficTarget g = got.get(i);
            boolean viaConfig = Objects.equals(w.getConfigurationName(), configName);
            String revision = viaConfig ? latestReady : w.getRevisionName();
            String config = viaConfig ? null : w.getConfigurationName();
            if (!Objects.equals(blankToNull(w.getTag()), blankToNull(g.getTag()))
                    || !Objects.equals(blankToNull(revision), blankToNull(g.getRevisionName()))
                    || !Objects.equals(blankToNull(config), blankToNull(g.getConfigurationName()))
                    || !Objects.equals(zeroIfNull(w.getPercent()), zeroIfNull(g.getPercent()))) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long zeroIfNull(Long l) {
        return l == null ? 0 : l;
    }
}
