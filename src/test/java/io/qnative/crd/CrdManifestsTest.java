package io.qnative.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.qnative.testing.crd.CrdGenerator;

/**
 * The CRDs committed under {@code kubernetes/} are exactly what the api types generate: one source of truth.
 * Run with {@code -Dqnative.crds.update=true} (hack/gen-crds.sh) to rewrite them.
 */
class CrdManifestsTest {

    static final Path MANIFESTS = Path.of("kubernetes");

    @Test
    void committedCrdsMatchTheTypes() throws IOException {
        Map<String, String> fresh = CrdGenerator.generated();
        CrdGenerator.write(fresh, Path.of("target", "crds"));
        if (Boolean.getBoolean("qnative.crds.update")) {
            CrdGenerator.write(fresh, MANIFESTS);
        }
        Map<String, String> committed = new TreeMap<>();
        if (Files.isDirectory(MANIFESTS)) {
            try (Stream<Path> files = Files.list(MANIFESTS)) {
                for (Path p : files.filter(CrdGenerator::isGenerated).toList()) {
                    committed.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        assertThat(committed.keySet())
                .as("CRD files in kubernetes/ (regenerate with hack/gen-crds.sh)")
                .containsExactlyElementsOf(fresh.keySet());
        fresh.forEach((name, yaml) -> assertThat(committed.get(name))
                .as("kubernetes/%s is stale: regenerate with hack/gen-crds.sh", name)
                .isEqualTo(yaml));
    }

    @Test
    void everyCrdStaysWellUnderTheLastAppliedAnnotationLimit() {
        Map<String, String> fresh = CrdGenerator.generated();
        fresh.forEach((name, yaml) -> assertThat(yaml.length()).as(name).isLessThan(200 * 1024));
    }
}
