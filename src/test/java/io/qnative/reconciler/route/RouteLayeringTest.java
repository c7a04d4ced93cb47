package io.qnative.reconciler.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering (docs/architecture.md, "Packages") of the Route's pure parts: {@code reconciler.route.traffic},
 * {@code .domains},
 * {@code .resources} and the gateway's load-balancer values and KIngress translation import neither the Kubernetes
 * client, CDI, Quarkus nor Micrometer, never read a clock, and every package
 * has a {@code package-info.java}.
 */
class RouteLayeringTest {

    static final Path ROUTE = Path.of("src", "main", "java", "io", "qnative", "reconciler", "route");
    /** The pure packages; the reconcilers in {@code reconciler.route} and {@code reconciler.ingress} are not. */
    static final List<Path> ROOTS = List.of(ROUTE.resolve("traffic"), ROUTE.resolve("domains"),
            ROUTE.resolve("resources"), Path.of("src", "main", "java", "io", "qnative", "reconciler", "ingress",
                    "GatewayLoadBalancers.java"), Path.of("src", "main", "java", "io", "qnative", "reconciler",
                    "ingress", "RoutingEntries.java"));
    static final List<String> FORBIDDEN = List.of("io.fabric8.kubernetes.client", "jakarta.", "javax.inject",
            "io.quarkus", "io.micrometer", "io.smallrye", "io.vertx", "org.jboss", "java.time.Clock");

    @Test
    void pureImportsOnlyAndNoClock() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String l = line.trim();
                        boolean badImport = l.startsWith("import ") && FORBIDDEN.stream().anyMatch(l::contains);
                        if (badImport || l.contains("Instant.now()") || l.contains("System.currentTimeMillis")) {
                            offences.add(f + ": " + l);
                        }
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> dirs = Files.walk(root)) {
                dirs.filter(Files::isDirectory).filter(d -> !Files.exists(d.resolve("package-info.java")))
                        .forEach(missing::add);
            }
        }
        assertThat(missing).isEmpty();
    }
}
