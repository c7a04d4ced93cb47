package io.qnative.reconciler.configuration.resources;

import static io.qnative.testing.Manifests.assertSameObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.testing.Fixtures;
import io.qnative.testing.Manifests;
import org.junit.jupiter.api.Test;

class RevisionsTest {

    @Test
    void routedConfigurationMakesAnActiveRevision() {
        assertSameObject(Revisions.make(Fixtures.configuration(), Fixtures.NOW),
                Manifests.load("/builders/revision-foo-00001.yaml", Revision.class));
    }

    @Test
    void standaloneConfigurationMakesAPendingRevisionWithoutServiceLabels() {
        Configuration c = Fixtures.configuration();
        c.getMetadata().setName("bar");
        c.getMetadata().setGeneration(3L);
        c.getMetadata().setLabels(Map.of("team", "a"));
        c.getMetadata().setAnnotations(Map.of());
        Revision r = Revisions.make(c, Fixtures.NOW);
        assertThat(r.getMetadata().getName()).isEqualTo("bar-00003");
        assertThat(r.getMetadata().getLabels()).isEqualTo(Map.of("tier", "web",
                ServingKeys.CONFIGURATION, "bar",
                ServingKeys.CONFIGURATION_GENERATION, "3",
                ServingKeys.CONFIGURATION_UID, "cfg-uid",
                ServingKeys.ROUTING_STATE, "pending"));
        assertThat(r.getMetadata().getAnnotations()).isEqualTo(Map.of(
                "autoscaling.knative.dev/min-scale", "1",
                ServingKeys.ROUTING_STATE_MODIFIED, "2026-11-26T23:00:00Z"));
    }

    @Test
    void byoNameAndTemplateMetadataButNotConfigurationMetadata() {
        Configuration c = Fixtures.configuration();
        c.getSpec().getTemplate().getMetadata().setName("foo-byo");
        c.getMetadata().getLabels().put("config-only", "x");
        Revision r = Revisions.make(c, Fixtures.NOW);
        assertThat(r.getMetadata().getName()).isEqualTo("foo-byo");
        assertThat(r.getMetadata().getLabels()).doesNotContainKey("config-only").containsKey("tier");
    }

    @Test
    void longConfigurationNameIsHashed() {
        Configuration c = Fixtures.configuration();
        c.getMetadata().setName("a".repeat(60));
        Revision r = Revisions.make(c, Fixtures.NOW);
        assertThat(r.getMetadata().getName()).hasSize(63).endsWith("-00001")
                .startsWith("a".repeat(25));
    }

    @Test
    void byoNameAvailability() {
        Configuration c = Fixtures.configuration();
        c.getSpec().getTemplate().getMetadata().setName("foo-byo");
        Revision ours = Revisions.make(c, Fixtures.NOW);
        assertThat(Revisions.byoNameConflict(c, null)).as("free").isNull();
        assertThat(Revisions.byoNameConflict(c, ours)).as("ours, this generation").isNull();

        c.getMetadata().setGeneration(2L);
        assertThat(Revisions.byoNameConflict(c, ours)).as("ours, same spec").isNull();
        c.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ko.local/app:v2");
        assertThat(Revisions.byoNameConflict(c, ours)).as("ours, other spec")
                .isEqualTo("revisions.serving.knative.dev \"foo-byo\" already exists");

        Revision foreign = Revisions.make(Fixtures.configuration(), Fixtures.NOW);
        foreign.getMetadata().getOwnerReferences().get(0).setUid("someone-else");
        Configuration first = Fixtures.configuration();
        first.getSpec().getTemplate().getMetadata().setName("foo-byo");
        assertThat(Revisions.byoNameConflict(first, foreign)).as("not controlled by us")
                .isEqualTo("revisions.serving.knative.dev \"foo-byo\" already exists");
        assertThat(Revisions.byoNameConflict(Fixtures.configuration(), foreign)).as("no BYO name").isNull();
    }

    @Test
    void routingStateStampMovesOnlyOnChange() {
        Map<String, String> labels = new HashMap<>();
        Map<String, String> annotations = new HashMap<>();
        Revisions.setRoutingState(labels, annotations, "pending", Fixtures.NOW);
        Revisions.setRoutingState(labels, annotations, "pending", Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(annotations).containsEntry(ServingKeys.ROUTING_STATE_MODIFIED, "2026-11-26T23:00:00Z");
        Revisions.setRoutingState(labels, annotations, "active", Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(labels).containsEntry(ServingKeys.ROUTING_STATE, "active");
        assertThat(annotations).containsEntry(ServingKeys.ROUTING_STATE_MODIFIED, "2026-11-27T00:00:00Z");
    }
}
