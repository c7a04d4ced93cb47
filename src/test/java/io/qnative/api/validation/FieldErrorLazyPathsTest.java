package io.qnative.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldError}'s recorded prefixes (paths flattened once, when read) against prefixes applied at each level,
 * the way Knative's {@code ViaField} applies them ({@code pkg/apis/field_error.go}), on random trees of findings.
 */
class FieldErrorLazyPathsTest {

    /** An eager model of a FieldError: every operation rebuilds the nested findings with their paths flattened. */
    private record Eager(String message, List<String> paths, FieldError.Level level, String details,
            List<Eager> nested) {

        static final Eager NONE = new Eager("", List.of(), FieldError.Level.ERROR, "", List.of());

        boolean isEmpty() {
            return message.isEmpty() && nested.stream().allMatch(Eager::isEmpty);
        }

        Eager also(Eager other) {
            if (other.isEmpty()) {
                return isEmpty() ? NONE : this;
            }
            List<Eager> n = new ArrayList<>(nested);
            n.add(other);
            return new Eager(message, paths, level, details, n);
        }

        Eager viaField(String... prefix) {
            if (isEmpty()) {
                return NONE;
            }
            List<String> p = new ArrayList<>();
            for (String old : paths) {
                List<String> parts = new ArrayList<>(List.of(prefix));
                parts.add(old);
                p.add(flatten(parts));
            }
            return new Eager(message, p, level, details, nested.stream().map(e -> e.viaField(prefix)).toList());
        }

        Eager at(FieldError.Level l) {
            return isEmpty() ? NONE : new Eager(message, paths, l, details, nested.stream().map(e -> e.at(l)).toList());
        }

        Eager filter(FieldError.Level wanted) {
            if (isEmpty()) {
                return NONE;
            }
            Eager result = level == wanted ? new Eager(message, paths, level, details, List.of()) : NONE;
            for (Eager e : nested) {
                result = result.also(e.filter(wanted));
            }
            return result;
        }

        /** The same findings as a FieldError built without any prefix: the rendering to compare with. */
        FieldError plain() {
            FieldError out = new FieldError(message, paths, level, details);
            for (Eager e : nested) {
                out = out.also(e.plain());
            }
            return out;
        }
    }

    /** Knative's {@code flatten} written the plain way (split, glue, join). */
    private static String flatten(List<String> path) {
        return FieldErrorFlattenTest.reference(path);
    }

    private static String segment(Random random) {
        String alphabet = "ab.[]0";
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(5);
        for (int k = 0; k < length; k++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String[] segments(Random random) {
        String[] out = new String[random.nextInt(3)];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(3) == 0 ? "[" + random.nextInt(3) + "]" : segment(random);
        }
        return out;
    }

    /** A random finding built the same way in both models; {@code depth} bounds the nesting. */
    private static Object[] random(Random random, int depth) {
        FieldError lazy;
        Eager eager;
        if (depth == 0 || random.nextInt(4) == 0) {
            String message = random.nextInt(5) == 0 ? "" : "m" + random.nextInt(3);
            List<String> paths = List.of(segments(random));
            FieldError.Level level = random.nextBoolean() ? FieldError.Level.ERROR : FieldError.Level.WARNING;
            String details = random.nextBoolean() ? "" : "d" + random.nextInt(2);
            lazy = new FieldError(message, paths, level, details);
            eager = new Eager(message, paths, level, details, List.of());
        } else {
            Object[] inner = random(random, depth - 1);
            lazy = (FieldError) inner[0];
            eager = (Eager) inner[1];
        }
        int steps = random.nextInt(5);
        for (int i = 0; i < steps; i++) {
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    String[] prefix = segments(random);
                    lazy = lazy.viaField(prefix);
                    eager = eager.viaField(prefix);
                }
                case 2 -> {
                    Object[] other = random(random, depth - 1 < 0 ? 0 : depth - 1);
                    lazy = lazy.also((FieldError) other[0]);
                    eager = eager.also((Eager) other[1]);
                }
                case 3 -> {
                    FieldError.Level level = random.nextBoolean() ? FieldError.Level.ERROR : FieldError.Level.WARNING;
                    lazy = lazy.at(level);
                    eager = eager.at(level);
                }
                default -> {
                    FieldError.Level level = random.nextBoolean() ? FieldError.Level.ERROR : FieldError.Level.WARNING;
                    if (random.nextInt(3) == 0) {
                        lazy = lazy.filter(level);
                        eager = eager.filter(level);
                    } else {
                        int index = random.nextInt(4);
                        lazy = lazy.viaIndex(index);
                        eager = eager.viaField("[" + index + "]");
                    }
                }
            }
        }
        return new Object[] {lazy, eager};
    }

    @Test
    void recordedPrefixesRenderAsPrefixesAppliedAtEachLevel() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            Object[] pair = random(random, 4);
            FieldError lazy = (FieldError) pair[0];
            Eager eager = (Eager) pair[1];
            FieldError expected = eager.plain();
            assertThat(lazy.isEmpty()).isEqualTo(eager.isEmpty());
            assertThat(lazy.render()).as("tree %d", i).isEqualTo(expected.render());
            assertThat(lazy.error()).as("tree %d", i).isEqualTo(expected.error());
            assertThat(lazy.warnings()).as("tree %d", i).isEqualTo(expected.warnings());
            assertThat(lazy.paths()).as("tree %d", i).isEqualTo(eager.paths());
            assertThat(lazy.message()).isEqualTo(eager.message());
            assertThat(lazy.level()).isEqualTo(eager.level());
        }
    }

    @Test
    void aSegmentOpeningWithABracketGluesAsAtEachLevel() {
        // "[a" then "[0]" flatten to "[a[0]", which the next level reads as an index and glues to its prefix
        FieldError e = FieldError.missingField("x").viaField("[a", "[0]").viaField("spec");
        assertThat(e.error()).isEqualTo("missing field(s): spec[a[0].x");
        assertThat(FieldError.missingField("x").viaField("spec", "[a", "[0]").error())
                .isEqualTo("missing field(s): spec.[a[0].x");
        assertThat(e.paths()).containsExactly("spec[a[0].x");
    }

    @Test
    void prefixesDoNotReachFindingsAddedAfterThem() {
        FieldError e = FieldError.missingField("a").also(FieldError.generic("n", "b").viaField("in"))
                .viaField("outer").also(FieldError.generic("later", "c")).viaField("top");
        assertThat(e.render()).isEqualTo("later: top.c\nmissing field(s): top.outer.a\nn: top.outer.in.b");
        assertThat(e.paths()).containsExactly("top.outer.a");
    }
}
