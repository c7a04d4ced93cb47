package io.qnative.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.qnative.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Masks#disallowed} and {@link Masks#allZero} against the same checks over {@link Masks#fields}' map. */
class MasksTest {

    /** The map-based check as Masks did it before: every field read, then filtered. */
    private static FieldError reference(Object obj, Set<String> allowed, Set<String> pointerFields) {
        List<String> bad = new ArrayList<>();
        Masks.fields(obj).forEach((k, v) -> {
            if (!allowed.contains(k) && (pointerFields.contains(k) ? v != null : !Masks.isZero(v))) {
                bad.add(k);
            }
        });
        return bad.isEmpty() ? FieldError.none() : FieldError.disallowedFields(bad.toArray(String[]::new));
    }

    private static Container container(Random random) {
        ContainerBuilder b = new ContainerBuilder();
        if (random.nextBoolean()) {
            b.withName(random.nextBoolean() ? "" : "user");
        }
        if (random.nextBoolean()) {
            b.withStdin(random.nextBoolean());
        }
        if (random.nextBoolean()) {
            b.withTty(random.nextBoolean());
        }
        if (random.nextBoolean()) {
            b.withArgs(random.nextBoolean() ? List.of() : List.of("a"));
        }
        if (random.nextBoolean()) {
            b.withWorkingDir(random.nextBoolean() ? "" : "/w");
        }
        if (random.nextBoolean()) {
            b.withStdinOnce(false);
        }
        if (random.nextBoolean()) {
            b.withNewLifecycle().endLifecycle();
        }
        if (random.nextBoolean()) {
            b.withTerminationMessagePath("/dev/termination-log");
        }
        return b.build();
    }

    private static Probe probe(Random random) {
        ProbeBuilder b = new ProbeBuilder();
        if (random.nextBoolean()) {
            b.withTerminationGracePeriodSeconds(random.nextBoolean() ? 0L : 5L);
        }
        if (random.nextBoolean()) {
            b.withPeriodSeconds(random.nextInt(2));
        }
        if (random.nextBoolean()) {
            b.withNewTcpSocket().endTcpSocket();
        }
        return b.build();
    }

    @Test
    void disallowedAgreesWithTheMapOfFields() {
        Random random = new Random(13);
        Set<String> containerFields = Set.of("name", "args", "workingDir", "terminationMessagePath");
        for (int i = 0; i < 2_000; i++) {
            Container c = container(random);
            assertThat(Masks.disallowed(c, containerFields).render()).as("%s", c)
                    .isEqualTo(reference(c, containerFields, Set.of()).render());
            assertThat(Masks.allZero(c)).as("%s", c)
                    .isEqualTo(Masks.fields(c).values().stream().allMatch(Masks::isZero));
            Probe p = probe(random);
            assertThat(Masks.disallowed(p, Set.of(), PodSpecValidation.PROBE_POINTERS).render()).as("%s", p)
                    .isEqualTo(reference(p, Set.of(), PodSpecValidation.PROBE_POINTERS).render());
        }
    }

    @Test
    void reportsSetFieldsAndZeroPointersAsSet() {
        Container c = new ContainerBuilder().withName("user").withStdin(true).withTty(false).withNewLifecycle()
                .endLifecycle().withWorkingDir("").build();
        assertThat(Masks.disallowed(c, Set.of("name")).render()).isEqualTo("must not set the field(s): lifecycle, stdin");
        Probe p = new ProbeBuilder().withTerminationGracePeriodSeconds(0L).withPeriodSeconds(0).build();
        assertThat(Masks.disallowed(p, Set.of(), PodSpecValidation.PROBE_POINTERS).render())
                .isEqualTo("must not set the field(s): terminationGracePeriodSeconds");
        assertThat(Masks.disallowed(null, Set.of()).isEmpty()).isTrue();
        assertThat(Masks.allZero(new Container())).isTrue();
        assertThat(Masks.allZero(new ContainerBuilder().withArgs(List.of()).withName("").build())).isTrue();
        assertThat(Masks.allZero(new ContainerBuilder().withName("x").build())).isFalse();
    }
}
