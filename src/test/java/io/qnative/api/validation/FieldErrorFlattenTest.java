package io.qnative.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FieldError#flatten} against Knative's algorithm written the plain way (split, glue, join). */
class FieldErrorFlattenTest {

    /** Knative's {@code flatten} (pkg/apis/field_error.go), as FieldError implemented it before. */
    static String reference(List<String> path) {
        List<String> out = new ArrayList<>();
        for (String part : path) {
            for (String p : part.split("\\.", -1)) {
                if (p.isEmpty()) {
                    continue;
                }
                if (!out.isEmpty() && p.startsWith("[") && p.endsWith("]")) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + p);
                } else {
                    out.add(p);
                }
            }
        }
        return String.join(".", out);
    }

    @Test
    void knownPaths() {
        assertThat(FieldError.flatten(List.of("spec", "template", "[0]", "image"))).isEqualTo("spec.template[0].image");
        assertThat(FieldError.flatten(List.of("", "a..b.", ".[1]", "[x]"))).isEqualTo("a.b[1][x]");
        assertThat(FieldError.flatten(List.of("[0]", "c"))).isEqualTo("[0].c");
        assertThat(FieldError.flatten(List.of("[", "]", "[]"))).isEqualTo("[.][]");
        assertThat(FieldError.flatten(List.of())).isEmpty();
    }

    @Test
    void agreesWithTheReferenceOnRandomPaths() {
        Random random = new Random(13);
        String alphabet = "ab.[]0";
        for (int i = 0; i < 20_000; i++) {
            List<String> path = new ArrayList<>();
            int parts = random.nextInt(5);
            for (int j = 0; j < parts; j++) {
                StringBuilder part = new StringBuilder();
                int length = random.nextInt(7);
                for (int k = 0; k < length; k++) {
                    part.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                path.add(part.toString());
            }
            assertThat(FieldError.flatten(path)).as("flatten %s", path).isEqualTo(reference(path));
        }
    }

    @Test
    void emptinessFollowsTheNestedFindings() {
        FieldError warning = FieldError.generic("careful", "x").at(FieldError.Level.WARNING);
        assertThat(FieldError.none().also(FieldError.none(), null).isEmpty()).isTrue();
        assertThat(FieldError.none().also(warning).isEmpty()).isFalse();
        assertThat(FieldError.none().also(warning).viaField("spec").isEmpty()).isFalse();
        assertThat(FieldError.none().also(warning).filter(FieldError.Level.ERROR).isEmpty()).isTrue();
        assertThat(FieldError.none().also(warning).filter(FieldError.Level.WARNING).isEmpty()).isFalse();
        assertThat(new FieldError("", List.of("a"), FieldError.Level.ERROR, "").isEmpty()).isTrue();
    }
}
