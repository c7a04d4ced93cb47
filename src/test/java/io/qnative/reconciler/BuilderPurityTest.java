package io.qnative.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * STYLE.md practices 1, 9 and 12: the child builders ({@code reconciler.**.resources}) and {@code reconciler.names}
 * import neither the Kubernetes client, CDI, Quarkus, Micrometer, loggers nor the clock; and each of those packages
 * has a {@code package-info.java}.
 */
class BuilderPurityTest {

    static final Path RECONCILER = Path.of("src", "main", "java", "io", "qnative", "reconciler");
    static final List<String> FORBIDDEN = List.of("io.fabric8.kubernetes.client", "jakarta.", "javax.inject",
            "javax.enterprise", "io.quarkus", "io.micrometer", "io.smallrye", "io.vertx", "org.jboss",
            "io.opentelemetry", "io.qnative.kube", "java.time.Clock", "java.util.logging", "org.slf4j");
    /** The one pure class of {@code kube}: object-metadata helpers over fabric8's model, no client. */
    static final String ALLOWED_KUBE = "io.qnative.kube.Kmeta;";

    @Test
    void buildersArePure() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path dir : builderPackages()) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String l = line.trim();
                        if (l.startsWith("import ") && !l.contains(" " + ALLOWED_KUBE)
                                && FORBIDDEN.stream().anyMatch(x -> l.contains(" " + x) || l.contains("static " + x))) {
                            offences.add(f + ": " + l);
                        }
                        if (l.contains("Instant.now()") || l.contains("System.currentTimeMillis")
                                || l.contains("System.getenv")) {
                            offences.add(f + ": " + l);
                        }
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyBuilderPackageHasPackageInfo() throws IOException {
        List<Path> dirs = builderPackages();
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(5);
        assertThat(dirs).allMatch(d -> Files.exists(d.resolve("package-info.java")));
    }

    private static List<Path> builderPackages() throws IOException {
        try (Stream<Path> dirs = Files.walk(RECONCILER)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().equals("resources")
                            || d.getFileName().toString().equals("names"))
                    .toList();
        }
    }
}
