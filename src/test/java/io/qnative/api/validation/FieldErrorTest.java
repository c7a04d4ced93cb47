package io.qnative.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Knative's {@code field_error_test.go} cases that pin the rendering, paths and merging. */
class FieldErrorTest {

    @Test
    void constructorsRenderKnativeMessages() {
        assertThat(FieldError.missingField("foo", "bar").error()).isEqualTo("missing field(s): bar, foo");
        assertThat(FieldError.disallowedFields("foo").error()).isEqualTo("must not set the field(s): foo");
        assertThat(FieldError.invalidValue(-1, "foo").error()).isEqualTo("invalid value: -1: foo");
        assertThat(FieldError.invalidValue("x", "foo", "d1", "d2").error()).isEqualTo("invalid value: x: foo\nd1, d2");
        assertThat(FieldError.outOfBoundsValue(601L, 0, 600L, "timeoutSeconds").error())
                .isEqualTo("expected 0 <= 601 <= 600: timeoutSeconds");
        assertThat(FieldError.outOfBoundsValue(200.0, 0.1, 100.0, "x").error()).isEqualTo("expected 0.1 <= 200 <= 100: x");
        assertThat(FieldError.missingOneOf("a", "b").error()).isEqualTo("expected exactly one, got neither: a, b");
        assertThat(FieldError.multipleOneOf("a", "b").error()).isEqualTo("expected exactly one, got both: a, b");
        assertThat(FieldError.invalidKeyName("k", "p").error()).isEqualTo("invalid key name \"k\": p");
        assertThat(FieldError.disallowedUpdateDeprecatedFields("a").error())
                .isEqualTo("must not update deprecated field(s): a");
        assertThat(FieldError.invalidArrayValue("v", "arr", 3).error()).isEqualTo("invalid value: v: arr[3]");
    }

    /** knative.dev/pkg's mergePaths: a path merged in twice under one key renders once; one error's own stay. */
    @Test
    void mergedPathsAreDeduplicated() {
        assertThat(FieldError.disallowedFields("url").also(FieldError.disallowedFields("url", "tag")).error())
                .isEqualTo("must not set the field(s): tag, url");
        assertThat(FieldError.disallowedFields("url", "url").error()).isEqualTo("must not set the field(s): url, url");
        FieldError many = FieldError.none();
        for (int i = 0; i < 20; i++) {
            many = many.also(FieldError.missingField("f" + i % 2));
        }
        assertThat(many.error()).isEqualTo("missing field(s): f0, f1");
    }

    @Test
    void pathsArePrefixedAndIndicesGlued() {
        FieldError e = FieldError.missingField("bar").viaIndex(0).viaField("foo");
        assertThat(e.error()).isEqualTo("missing field(s): foo[0].bar");
        assertThat(FieldError.missingField("[0]").viaField("bar").viaField("foo").error())
                .isEqualTo("missing field(s): foo.bar[0]");
        assertThat(FieldError.missingField("bar").viaField("foo").viaIndex(0).error())
                .isEqualTo("missing field(s): [0].foo.bar");
        assertThat(FieldError.missingField("bar").viaIndex(0).viaIndex(1).viaField("foo").error())
                .isEqualTo("missing field(s): foo[1][0].bar");
        assertThat(FieldError.missingField("").viaFieldIndex("containers", 2).error())
                .isEqualTo("missing field(s): containers[2]");
        assertThat(FieldError.missingField("bar").viaFieldKey("labels", "a.b/c").error())
                .isEqualTo("missing field(s): labels.[a.b/c].bar");
        assertThat(FieldError.missingField("x").viaField("a.b", "", "c").error()).isEqualTo("missing field(s): a.b.c.x");
    }

    @Test
    void mergesSameMessageAndDetailsSortsPathsAndEntries() {
        FieldError e = FieldError.missingField("zeta")
                .also(FieldError.missingField("alpha"))
                .also(FieldError.disallowedFields("b"))
                .also(FieldError.invalidValue("x", "p", "second"))
                .also(FieldError.invalidValue("x", "q", "first"));
        assertThat(e.error()).isEqualTo("""
                invalid value: x: q
                first
                invalid value: x: p
                second
                missing field(s): alpha, zeta
                must not set the field(s): b""");
    }

    @Test
    void findingsWhoseKeysMeetAroundADashMergeAsKnativesStringKeys() {
        // Knative keys a finding "<level>-<message>-<details>": "a-b" with details "c" and "a" with details "b-c"
        // share a key, and the first one's message and details name the merged entry
        FieldError few = FieldError.generic("a-b", "p").withDetails("c").also(FieldError.generic("a", "q")
                .withDetails("b-c"));
        assertThat(few.error()).isEqualTo("a-b: p, q\nc");
        assertThat(few.at(FieldError.Level.WARNING).warnings()).containsExactly("a-b: p, q\nc");
        // the same with more findings than are compared pairwise (merged through a map of built keys)
        FieldError many = few;
        for (int i = 0; i < 20; i++) {
            many = many.also(FieldError.generic("m" + i, "x"));
        }
        assertThat(many.error()).startsWith("a-b: p, q\nc\nm0: x\nm1: x\nm10: x");
        assertThat(many.at(FieldError.Level.WARNING).warnings()).hasSize(21).startsWith("a-b: p, q\nc", "m0: x");
        assertThat(FieldError.generic("a-b", "p").also(FieldError.generic("a", "q").withDetails("b")).error())
                .isEqualTo("a: q\nb\na-b: p");
    }

    @Test
    void emptyPathsRenderWithTrailingSpace() {
        assertThat(FieldError.generic("oops").error()).isEqualTo("oops: ");
    }

    @Test
    void alsoIgnoresNullsAndEmptiesAndNoneIsNull() {
        assertThat(FieldError.none().also((FieldError) null, FieldError.none()).orNull()).isNull();
        assertThat(FieldError.also(null, FieldError.missingField("a")).error()).isEqualTo("missing field(s): a");
        assertThat(FieldError.none().viaField("x").isEmpty()).isTrue();
        assertThat(FieldError.none().error()).isNull();
    }

    @Test
    void nestedErrorsAreRePrefixed() {
        FieldError inner = FieldError.missingField("a").also(FieldError.missingField("b").viaField("c"));
        assertThat(inner.viaField("spec").error()).isEqualTo("missing field(s): spec.a, spec.c.b");
    }

    @Test
    void warningsAreSeparatedFromErrors() {
        FieldError e = FieldError.missingField("a")
                .also(FieldError.generic("careful", "x").at(FieldError.Level.WARNING))
                .also(FieldError.generic("careful", "y").at(FieldError.Level.WARNING))
                .also(FieldError.invalidValue("all", "d", "Must be spelled as 'ALL'").at(FieldError.Level.WARNING));
        assertThat(e.error()).isEqualTo("missing field(s): a");
        assertThat(e.warnings()).containsExactly("careful: x, y", "invalid value: all: d\nMust be spelled as 'ALL'");
        assertThat(e.filter(FieldError.Level.WARNING).error()).isNull();
        assertThat(FieldError.generic("w", "p").at(FieldError.Level.WARNING).error()).isNull();
    }

    @Test
    void quotesAndFloatsPrintAsGo() {
        assertThat(GoFormat.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoFormat.value(List.of("x", "y"))).isEqualTo("[x y]");
        assertThat(GoFormat.floatValue(0.01)).isEqualTo("0.01");
        assertThat(GoFormat.floatValue(1e21)).isEqualTo("1e+21");
        assertThat(GoFormat.floatValue(0.00001)).isEqualTo("1e-05");
        assertThat(GoFormat.floatValue(110)).isEqualTo("110");
    }
}
