package io.qnative.api.serving.v1;

import static io.qnative.api.validation.GoFormat.nz;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;

/** Traffic rules of a Route or Service spec (Knative's {@code route_validation.go}) and defaults. */
final class TrafficRules {

    private TrafficRules() {
    }

    /** {@code RouteSpec.Validate} within a spec: paths relative to {@code traffic}'s parent. */
    static FieldError validate(List<TrafficTarget> traffic, boolean defaultConfigurationName) {
        List<TrafficTarget> list = traffic == null ? List.of() : traffic;
        FieldError errs = FieldError.none();
        Map<String, Integer> tags = new HashMap<>();
        long sum = 0;
        for (int i = 0; i < list.size(); i++) {
            TrafficTarget tt = list.get(i);
            errs = errs.also(target(tt, defaultConfigurationName).viaIndex(i));
            if (tt.getPercent() != null) {
                sum += tt.getPercent();
            }
            String tag = nz(tt.getTag());
            if (tag.isEmpty()) {
                continue;
            }
            List<String> msgs = K8sNames.dns1035Label(tag);
            if (!msgs.isEmpty()) {
                errs = errs.also(FieldError.invalidArrayValue("not a DNS 1035 label: " + GoFormat.value(msgs), "tag",
                        i));
            }
            Integer idx = tags.get(tag);
            if (idx != null) {
                errs = errs.also(FieldError.generic("Multiple definitions for " + GoFormat.quote(tag),
                        "[" + i + "].tag", "[" + idx + "].tag"));
            } else {
                tags.put(tag, i);
            }
        }
        if (sum != 100) {
            errs = errs.also(FieldError.generic("Traffic targets sum to " + sum + ", want 100",
                    FieldError.CURRENT_FIELD));
        }
        return errs.viaField("traffic");
    }

    /** {@code TrafficTarget.Validate} within a spec (paths relative to the target). */
    static FieldError target(TrafficTarget tt, boolean defaultConfigurationName) {
        String rev = nz(tt.getRevisionName());
        String conf = nz(tt.getConfigurationName());
        FieldError errs = FieldError.none();
        if (tt.getLatestRevision() != null) {
            boolean lr = tt.getLatestRevision();
            if (!rev.isEmpty() == lr) {
                errs = FieldError.generic("may not set revisionName " + GoFormat.quote(rev) + " when latestRevision is "
                        + lr, "latestRevision");
            }
        }
        if (defaultConfigurationName && !conf.isEmpty()) {
            errs = errs.also(FieldError.disallowedFields("configurationName"));
        } else if (!rev.isEmpty() && !conf.isEmpty()) {
            errs = errs.also(FieldError.multipleOneOf("revisionName", "configurationName"));
        } else if (!rev.isEmpty()) {
            List<String> el = K8sNames.qualifiedName(rev);
            if (!el.isEmpty()) {
                errs = errs.also(FieldError.invalidKeyName(rev, "revisionName", el.toArray(String[]::new)));
            }
        } else if (!conf.isEmpty()) {
            List<String> el = K8sNames.qualifiedName(conf);
            if (!el.isEmpty()) {
                errs = errs.also(FieldError.invalidKeyName(conf, "configurationName", el.toArray(String[]::new)));
            }
        } else if (!defaultConfigurationName) {
            errs = errs.also(FieldError.missingOneOf("revisionName", "configurationName"));
        }
        if (tt.getPercent() != null && (tt.getPercent() < 0 || tt.getPercent() > 100)) {
            errs = errs.also(FieldError.outOfBoundsValue(tt.getPercent(), 0, 100, "percent"));
        }
        if (!nz(tt.getUrl()).isEmpty()) {
            errs = errs.also(FieldError.disallowedFields("url"));
            if (nz(tt.getTag()).isEmpty()) {
                // Knative reports the same field twice here (disallowed in spec, and without a tag); the rendering
                // merges the two into one path
                errs = errs.also(FieldError.disallowedFields("url"));
            }
        }
        return errs;
    }

    /** {@code RouteSpec.SetDefaults}: a Service gets 100% latest when empty; each target latestRevision/percent. */
    static List<TrafficTarget> defaults(List<TrafficTarget> traffic, boolean defaultConfigurationName) {
        List<TrafficTarget> list = traffic;
        if ((list == null || list.isEmpty()) && defaultConfigurationName) {
            TrafficTarget t = new TrafficTarget();
            t.setPercent(100L);
            t.setLatestRevision(true);
            list = new java.util.ArrayList<>(List.of(t));
        }
        if (list != null) {
            for (TrafficTarget t : list) {
                if (t.getLatestRevision() == null) {
                    t.setLatestRevision(nz(t.getRevisionName()).isEmpty());
                }
                if (t.getPercent() == null) {
                    t.setPercent(0L);
                }
            }
        }
        return list;
    }
}
