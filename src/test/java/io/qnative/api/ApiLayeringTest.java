package io.qnative.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * STYLE.md practice 12: nothing under {@code io.qnative.api} imports the Kubernetes client, CDI, Quarkus, Vert.x or
 * Micrometer; the api types depend on fabric8's model and Jackson only. Also every api package has a
 * {@code package-info.java}.
 */
class ApiLayeringTest {

    static final Path API = Path.of("src", "main", "java", "io", "qnative", "api");
    static final List<String> FORBIDDEN = List.of("io.fabric8.kubernetes.client", "jakarta.", "javax.inject",
            "javax.enterprise", "io.quarkus", "io.micrometer", "io.smallrye", "io.vertx", "org.jboss",
            "io.opentelemetry");

    @Test
    void apiImportsNeitherClientNorFrameworks() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(API)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.trim();
                    if (l.startsWith("import ") && FORBIDDEN.stream().anyMatch(x -> l.contains(" " + x)
                            || l.contains("static " + x))) {
                        offences.add(f + ": " + l);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyApiPackageHasPackageInfo() throws IOException {
        List<Path> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(API)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (!Files.exists(d.resolve("package-info.java"))) {
                    missing.add(d);
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
