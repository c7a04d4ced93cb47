package io.qnative.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ConfigMap parsers stay pure: only {@link ConfigStore} (the informer) and {@link QnativeConfig} (a
 * {@code @ConfigMapping}) may use the Kubernetes client, CDI, Quarkus or logging.
 */
class ConfigPurityTest {

    private static final Path SOURCES = Path.of("src/main/java/io/qnative/config");
    private static final Set<String> ALLOWED = Set.of("ConfigStore.java", "QnativeConfig.java", "package-info.java");
    private static final List<String> FORBIDDEN = List.of("import io.fabric8.kubernetes.client", "import jakarta.",
            "import io.quarkus", "import io.smallrye", "import org.jboss.logging", "import io.qnative.kube");

    @Test
    void parsersImportNoClientCdiOrLogging() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<Path> parsers = files.filter(f -> !ALLOWED.contains(f.getFileName().toString())).toList();
            assertThat(parsers).hasSizeGreaterThan(10);
            for (Path file : parsers) {
                String source = Files.readString(file);
                assertThat(FORBIDDEN).as(file.getFileName().toString()).noneMatch(source::contains);
            }
        }
    }
}
