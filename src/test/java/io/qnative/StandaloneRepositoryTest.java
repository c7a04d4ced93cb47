package io.qnative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no file cites a design document that is not in it. Comments cite Knative's own files
 * (for example {@code pkg/reconciler/route/route.go}) or the repository's {@code docs/}.
 */
class StandaloneRepositoryTest {

    static final Path ROOT = Path.of("");
    /** Build output and tool downloads, not the project's files. */
    static final Set<Path> SKIPPED = Set.of(Path.of(".git"), Path.of("target"), Path.of(".mvn", "dist"),
            Path.of("bench", "jmh", "target"));
    /** Documents outside the repository (spelled in pieces so that this file does not cite them itself). */
    static final List<String> OUTSIDE = Stream.of("qnative", "resources", "kpa", "webhook", "dataplane", "conformance",
            "STYLE", "DEPENDENCIES").map(name -> name + ".md").toList();
    static final List<String> OUTSIDE_DIRS = List.of(".." + "/shared", "/work" + "/shared", "shared" + "/spec");

    @Test
    void noFileCitesADocumentOutsideTheRepository() throws IOException {
        List<String> citations = new ArrayList<>();
        for (Path file : projectFiles()) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (citesOutside(lines[i])) {
                    citations.add(file + ":" + (i + 1) + ": " + lines[i].trim());
                }
            }
        }
        assertThat(citations).isEmpty();
    }

    @Test
    void theCheckSeesACitation() {
        assertThat(citesOutside("// as " + "kpa" + ".md §3 says")).isTrue();
        assertThat(citesOutside("see " + ".." + "/shared" + "/spec")).isTrue();
        assertThat(citesOutside("see docs/architecture.md and pkg/reconciler/route/route.go")).isFalse();
        assertThat(citesOutside("see " + "conformance" + ".md")).isTrue();
        assertThat(citesOutside("see [it](ingress-" + "conformance" + ".md)")).isFalse();
    }

    @Test
    void theDocsTheCodeCitesExist() {
        for (String doc : List.of("architecture.md", "ports-and-config.md", "differences-from-knative.md")) {
            assertThat(ROOT.resolve("docs").resolve(doc)).isRegularFile();
        }
    }

    static boolean citesOutside(String line) {
        if (OUTSIDE_DIRS.stream().anyMatch(line::contains)) {
            return true;
        }
        for (String doc : OUTSIDE) {
            int at = line.indexOf(doc);
            while (at >= 0) {
                // docs/ of the repository may hold a file of the same name one day, or one whose name ends the same
                // way (ingress-...); only a bare name cites outside
                boolean longerName = at > 0 && (Character.isLetterOrDigit(line.charAt(at - 1))
                        || line.charAt(at - 1) == '-' || line.charAt(at - 1) == '_');
                if (!longerName && !line.startsWith("docs/", Math.max(0, at - 5))) {
                    return true;
                }
                at = line.indexOf(doc, at + 1);
            }
        }
        return false;
    }

    static List<Path> projectFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.toAbsolutePath())) {
            Path base = ROOT.toAbsolutePath();
            return files.filter(Files::isRegularFile)
                    .filter(f -> SKIPPED.stream().noneMatch(s -> base.relativize(f).startsWith(s)))
                    .map(base::relativize).sorted().toList();
        }
    }
}
