package io.qnative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of {@code src/main/java} (docs/architecture.md, "Packages"), checked on the source text: every
 * {@code import} line and every fully qualified name in code (comments are skipped) of a package is matched against
 * what that package must not use. Also every package has a {@code package-info.java} that says what lives there and
 * what it must not import.
 */
class LayeringTest {

    static final Path MAIN = Path.of("src", "main", "java");

    /** The Kubernetes client, dependency injection and the runtime: what a pure package never sees. */
    static final List<String> CLIENT_AND_FRAMEWORKS = List.of("io.fabric8.kubernetes.client", "jakarta.inject",
            "jakarta.enterprise", "jakarta.annotation", "javax.inject", "javax.enterprise", "io.quarkus",
            "io.smallrye", "io.vertx", "io.micrometer", "io.opentelemetry", "org.jboss");
    /** Loggers and clocks: a pure package takes {@code now} as an argument and reports through its results. */
    static final List<String> LOGGERS_AND_CLOCKS = List.of("java.util.logging", "org.slf4j", "java.time.Clock",
            "Instant.now(", "System.currentTimeMillis(", "System.nanoTime(", "LocalDateTime.now(", "System.getenv(");

    /** One layering rule: the packages it covers, what they must not use, and the one allowed exception. */
    record Rule(String name, Predicate<String> covers, List<String> forbidden, List<String> allowed) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("api imports no client, CDI, Quarkus, Vert.x or Micrometer", p -> under(p, "io.qnative.api"),
                    concat(CLIENT_AND_FRAMEWORKS, List.of("io.qnative.kube", "io.qnative.reconciler",
                            "io.qnative.webhook", "io.qnative.gateway")), List.of()),
            new Rule("builders are pure", LayeringTest::isBuilder,
                    concat(CLIENT_AND_FRAMEWORKS, LOGGERS_AND_CLOCKS, List.of("io.qnative.kube")),
                    List.of("io.qnative.kube.Kmeta")),
            new Rule("the autoscaler is pure", p -> under(p, "io.qnative.autoscaler"),
                    concat(CLIENT_AND_FRAMEWORKS, LOGGERS_AND_CLOCKS, List.of("io.qnative.kube",
                            "io.qnative.reconciler", "io.qnative.gateway")), List.of()),
            new Rule("simulate runs without Quarkus, a client or a clock", p -> under(p, "io.qnative.simulate"),
                    concat(CLIENT_AND_FRAMEWORKS, LOGGERS_AND_CLOCKS, List.of("io.qnative.kube",
                            "io.qnative.gateway")), List.of()),
            new Rule("the gateway never calls a reconciler", p -> under(p, "io.qnative.gateway"),
                    List.of("io.qnative.reconciler"), List.of()),
            new Rule("certs (the PKI) imports no client", p -> under(p, "io.qnative.certs"),
                    concat(CLIENT_AND_FRAMEWORKS, List.of("io.qnative.kube", "io.qnative.reconciler",
                            "io.qnative.webhook")), List.of()));

    /** What a package-info must say besides what lives in the package: what it must not import or call. */
    static final Pattern SAYS_WHAT_NOT = Pattern.compile(
            "(?i)(must not (import|call|use)|imports? (no|neither)|never (imports?|calls?|uses?))");

    @Test
    void everyPackageKeepsItsLayering() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = packageOf(file);
            for (Rule rule : RULES) {
                if (rule.covers().test(pkg)) {
                    offences.addAll(offences(file, rule));
                }
            }
        }
        assertThat(offences).as("forbidden imports").isEmpty();
    }

    @Test
    void everyPackageHasAPackageInfoSayingWhatItMustNotImport() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN.resolve("io"))) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> files = Files.list(dir)) {
                    hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                Path info = dir.resolve("package-info.java");
                if (!hasJava) {
                    continue;
                }
                if (!Files.exists(info)) {
                    missing.add(dir + ": no package-info.java");
                } else if (!SAYS_WHAT_NOT.matcher(Files.readString(info)).find()) {
                    missing.add(info + ": does not say what the package must not import");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theRulesCoverThePackagesTheyName() throws IOException {
        List<String> packages = javaFiles().stream().map(LayeringTest::packageOf).distinct().toList();
        for (Rule rule : RULES) {
            assertThat(packages).as(rule.name()).anyMatch(rule.covers());
        }
        assertThat(packages.stream().filter(LayeringTest::isBuilder)).hasSizeGreaterThanOrEqualTo(5);
    }

    /** The lines of {@code file} that use what {@code rule} forbids; comment lines are not code. */
    static List<String> offences(Path file, Rule rule) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.trim();
            if (l.startsWith("*") || l.startsWith("/*") || l.startsWith("//") || l.startsWith("package ")) {
                continue;
            }
            for (String bad : rule.forbidden()) {
                if (l.contains(bad) && rule.allowed().stream().noneMatch(l::contains)) {
                    found.add(rule.name() + ": " + file + ": " + l);
                    break;
                }
            }
        }
        return found;
    }

    static boolean isBuilder(String pkg) {
        return under(pkg, "io.qnative.reconciler") && (pkg.endsWith(".resources") || pkg.contains(".resources.")
                || pkg.equals("io.qnative.reconciler.names"));
    }

    static boolean under(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
