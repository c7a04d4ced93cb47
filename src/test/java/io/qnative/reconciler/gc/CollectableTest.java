package io.qnative.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.GcConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Knative's {@code gc_test.go} cases for which revisions config-gc lets go. */
class CollectableTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static Configuration config(String latestReady) {
        Configuration c = new Configuration();
        c.setMetadata(new ObjectMetaBuilder().withName("foo").withNamespace("ns").build());
        ConfigurationStatus s = new ConfigurationStatus();
        s.setLatestReadyRevisionName(latestReady);
        c.setStatus(s);
        return c;
    }

    /** A revision created {@code createdAgo} before NOW, in {@code state} since {@code modifiedAgo}. */
    static Revision rev(String name, String state, Duration createdAgo, Duration modifiedAgo) {
        Map<String, String> labels = new HashMap<>(Map.of(ServingKeys.CONFIGURATION, "foo"));
        if (state != null) {
            labels.put(ServingKeys.ROUTING_STATE, state);
        }
        Map<String, String> annotations = new HashMap<>();
        if (modifiedAgo != null) {
            annotations.put(ServingKeys.ROUTING_STATE_MODIFIED, NOW.minus(modifiedAgo).toString());
        }
        Revision r = new Revision();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withLabels(labels)
                .withAnnotations(annotations).withCreationTimestamp(NOW.minus(createdAgo).toString()).build());
        return r;
    }

    static GcConfig gc(Duration create, Duration active, long min, Long max) {
        return new GcConfig(Optional.ofNullable(create), Optional.ofNullable(active), min,
                max == null ? OptionalLong.empty() : OptionalLong.of(max));
    }

    static List<String> names(List<Revision> revs) {
        return revs.stream().map(r -> r.getMetadata().getName()).toList();
    }

    static final Duration OLD = Duration.ofDays(10);

    @Test
    void staleReserveRevisionsGoOldestFirstDownToTheMinimum() {
        List<Revision> revs = List.of(
                rev("foo-1", "reserve", OLD, Duration.ofDays(5)),
                rev("foo-2", "reserve", OLD, Duration.ofDays(4)),
                rev("foo-3", "reserve", OLD, Duration.ofDays(3)),
                rev("foo-4", "active", OLD, Duration.ofDays(1)));
        GcConfig gc = gc(Duration.ofHours(48), Duration.ofHours(15), 1, 1000L);
        assertThat(names(Collectable.select(gc, config("foo-4"), revs, NOW))).containsExactly("foo-1", "foo-2");
    }

    @Test
    void nothingGoesWhileTheConfigurationHasAtMostTheMinimum() {
        List<Revision> revs = List.of(rev("foo-1", "reserve", OLD, OLD), rev("foo-2", "active", OLD, OLD));
        assertThat(Collectable.select(gc(Duration.ofHours(1), Duration.ofHours(1), 2, null), config("foo-2"),
                revs, NOW)).isEmpty();
    }

    @Test
    void recentlyCreatedOrRecentlyActiveRevisionsAreNotStale() {
        List<Revision> revs = List.of(
                rev("young", "reserve", Duration.ofHours(1), Duration.ofHours(1)),
                rev("lately-active", "reserve", OLD, Duration.ofHours(2)),
                rev("stale", "reserve", OLD, Duration.ofDays(2)),
                rev("foo-4", "active", OLD, null));
        GcConfig gc = gc(Duration.ofHours(48), Duration.ofHours(15), 0, null);
        assertThat(names(Collectable.select(gc, config("foo-4"), revs, NOW))).containsExactly("stale");
    }

    @Test
    void latestReadyPendingActiveAndPreservedRevisionsAreNeverCollected() {
        Revision preserved = rev("preserved", "reserve", OLD, OLD);
        preserved.getMetadata().getAnnotations().put(ServingKeys.NO_GC, "TRUE");
        List<Revision> revs = List.of(rev("latest-ready", "reserve", OLD, OLD), rev("pending", "pending", OLD, OLD),
                rev("active", "active", OLD, OLD), rev("unlabelled", null, OLD, OLD), preserved);
        assertThat(Collectable.select(gc(Duration.ZERO, Duration.ZERO, 0, 0L), config("latest-ready"), revs, NOW))
                .isEmpty();
    }

    @Test
    void beyondTheMaximumTheOldestNonStaleRevisionsGo() {
        List<Revision> revs = List.of(
                rev("r3", "reserve", Duration.ofHours(1), Duration.ofMinutes(30)),
                rev("r1", "reserve", Duration.ofHours(3), Duration.ofMinutes(50)),
                rev("r2", "reserve", Duration.ofHours(2), Duration.ofMinutes(40)),
                rev("live", "active", Duration.ofHours(3), null));
        GcConfig gc = gc(null, null, 0, 1L);
        assertThat(names(Collectable.select(gc, config("live"), revs, NOW))).containsExactly("r1", "r2");
    }

    /** A revision with a configurationGeneration label, in reserve since exactly {@code modified}. */
    static Revision revAt(String name, long generation, Instant created, Instant modified) {
        Revision r = rev(name, "reserve", Duration.between(created, NOW), Duration.between(modified, NOW));
        r.getMetadata().getLabels().put(ServingKeys.CONFIGURATION_GENERATION, Long.toString(generation));
        return r;
    }

    @Test
    void aTieOnRoutingStateModifiedKeepsTheHigherGenerationWhateverTheListerOrder() {
        Instant sameSecond = NOW.minusSeconds(30);
        Revision older = revAt("foo-00002", 2, NOW.minusSeconds(50), sameSecond);
        Revision newer = revAt("foo-00003", 3, NOW.minusSeconds(40), sameSecond);
        Revision live = rev("foo-00004", "active", Duration.ofSeconds(35), null);
        GcConfig gc = gc(null, null, 0, 1L);
        assertThat(names(Collectable.select(gc, config("foo-00004"), List.of(older, newer, live), NOW)))
                .containsExactly("foo-00002");
        assertThat(names(Collectable.select(gc, config("foo-00004"), List.of(newer, older, live), NOW)))
                .containsExactly("foo-00002");
    }

    @Test
    void aTieOnRoutingStateModifiedAndGenerationKeepsTheLaterCreated() {
        Instant sameSecond = NOW.minusSeconds(30);
        Revision earlier = revAt("b-earlier", 5, NOW.minusSeconds(50), sameSecond);
        Revision later = revAt("a-later", 5, NOW.minusSeconds(40), sameSecond);
        GcConfig gc = gc(null, null, 0, 1L);
        assertThat(names(Collectable.select(gc, config("x"), List.of(later, earlier), NOW)))
                .containsExactly("b-earlier");
        assertThat(names(Collectable.select(gc, config("x"), List.of(earlier, later), NOW)))
                .containsExactly("b-earlier");
    }

    @Test
    void everyBoundDisabledCollectsNothing() {
        List<Revision> revs = List.of(rev("r1", "reserve", OLD, OLD), rev("r2", "reserve", OLD, OLD));
        assertThat(Collectable.select(gc(null, null, 0, null), config("x"), revs, NOW)).isEmpty();
    }

    @Test
    void aDisabledCreateBoundDoesNotProtect() {
        List<Revision> revs = List.of(rev("r1", "reserve", Duration.ofMinutes(1), Duration.ofDays(1)));
        assertThat(names(Collectable.select(gc(null, Duration.ofHours(15), 0, null), config("x"), revs, NOW)))
                .containsExactly("r1");
    }
}
