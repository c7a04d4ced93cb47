package io.qnative.reconciler.route.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.TrafficTarget;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.route.domains.DomainNameException;
import io.qnative.reconciler.route.domains.Domains;
import io.qnative.reconciler.route.domains.Visibility;

/**
 * The Route's {@code status.traffic} ({@code GetRevisionTrafficTargets}; Knative's
 * pkg/reconciler/route/traffic/traffic.go): one entry per
 * flattened target in spec order with {@code tag} (if any), {@code revisionName}, {@code percent} (always, 0
 * allowed), {@code latestRevision} (always) and {@code url} only for tags; never {@code configurationName}.
 * During a rollout a latestRevision target expands to one entry per Revision of its rollout.
 */
public final class StatusTraffic {

    private StatusTraffic() {
    }

    /**
     * Builds status.traffic.
     *
     * @param visibility the visibility of each target name (a missing name is external)
     * @param rollout the effective rollout; an empty one when none is in progress
     * @throws DomainNameException when a tag's host cannot be built
     */
    public static List<TrafficTarget> build(ConfigSnapshot config, Route route, TrafficConfig traffic,
            Map<String, Visibility> visibility, Rollout rollout) {
        List<TrafficTarget> out = new ArrayList<>();
        for (RevisionTarget tt : traffic.revisionTargets()) {
            ConfigurationRollout ro = null;
            if (tt.latestRevision()) {
                for (ConfigurationRollout c : rollout.byTag(tt.tag())) {
                    if (c.configurationName.equals(tt.configurationName())) {
                        ro = c;
                        break;
                    }
                }
            }
            List<RevisionRollout> revs = ro == null ? List.of(new RevisionRollout(tt.revisionName(),
                    (int) tt.percent())) : ro.revisions;
            String url = null;
            if (!tt.tag().isEmpty()) {
                url = Domains.url(config, route, tt.tag(), visibility.getOrDefault(tt.tag(), Visibility.EXTERNAL_IP));
            }
            for (RevisionRollout rr : revs) {
                TrafficTarget t = new TrafficTarget();
                t.setTag(tt.tag().isEmpty() ? null : tt.tag());
                t.setRevisionName(rr.revisionName());
                t.setPercent((long) rr.percent());
                t.setLatestRevision(tt.latestRevision());
                t.setUrl(url);
                out.add(t);
            }
        }
        return out;
    }
}
