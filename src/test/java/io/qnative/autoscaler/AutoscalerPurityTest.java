package io.qnative.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The autoscaler is pure: no Kubernetes client or model, CDI, Quarkus, Micrometer, logger or clock anywhere under
 * {@code io.qnative.autoscaler}, and every package has a {@code package-info.java}.
 */
class AutoscalerPurityTest {

    static final Path ROOT = Path.of("src", "main", "java", "io", "qnative", "autoscaler");
    static final List<String> FORBIDDEN = List.of("io.fabric8", "jakarta.", "javax.inject", "javax.enterprise",
            "io.quarkus", "io.micrometer", "io.smallrye", "io.vertx", "org.jboss", "io.opentelemetry",
            "io.qnative.kube", "io.qnative.reconciler", "java.time.Clock", "java.util.logging", "org.slf4j",
            "java.util.concurrent.Executor", "java.util.concurrent.Scheduled");

    @Test
    void importsNothingImpure() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.trim();
                    if (l.startsWith("import ") && FORBIDDEN.stream().anyMatch(x -> l.contains(" " + x)
                            || l.contains("static " + x))) {
                        offences.add(f + ": " + l);
                    }
                    if (l.contains("Instant.now()") || l.contains("System.currentTimeMillis")
                            || l.contains("new Thread") || l.contains("System.getenv")) {
                        offences.add(f + ": " + l);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            List<Path> packages = dirs.filter(Files::isDirectory).toList();
            assertThat(packages).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(d -> Files.exists(d.resolve("package-info.java")));
        }
    }
}
