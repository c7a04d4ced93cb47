package io.qnative;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For the training start of the application CDS archive only ({@code hack/appcds.sh}): links, as the JVM exits,
 * every class the start loaded from a jar, so that the archive the JVM then writes holds them too. Java 17's
 * {@code -XX:ArchiveClassesAtExit} archives only linked classes, and links before dumping only those of the JDK's
 * built-in loaders; qnative's and its libraries' come through Quarkus' {@code RunnerClassLoader}, and ~1,250 of
 * them are loaded without ever being linked (the types of the fields and methods Jackson's introspection reflects
 * on, classes the verifier checks), so every start read them from the jars again. Reflecting on a class's fields
 * links it. The classes come from the start's own class log ({@code -Xlog:class+load:file=...:none}, one
 * {@code name source: where} line each), named by the {@value #PROPERTY} system property; without it nothing happens.
 * docs/memory-and-startup.md ("Class data sharing").
 */
final class ArchiveTraining {

    /** The system property naming the training start's class log (outside qnative's configuration root). */
    static final String PROPERTY = "appcds.class-log";

    private static final String SOURCE = " source: ";

    private ArchiveTraining() {
    }

    /** Adds the shutdown hook that links the logged classes when {@value #PROPERTY} names a class log. */
    static void installIfTraining(ClassLoader loader) {
        String log = System.getProperty(PROPERTY, "");
        if (!log.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> link(Path.of(log), loader), "qnative-appcds-link"));
        }
    }

    /** Links every class of the log that was read from a jar and the loader finds; returns how many it linked. */
    static int link(Path classLog, ClassLoader loader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(classLog);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the class log " + classLog, e);
        }
        int linked = 0;
        for (String line : lines) {
            String name = fromJar(line);
            if (name == null) {
                continue;
            }
            try {
                Class.forName(name, false, loader).getDeclaredFields();
                linked++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class of another loader, or one that does not link: the archive goes without it, as before
            }
        }
        return linked;
    }

    /** The class a log line names when it was read from a jar ({@code source: file:...}), else null. */
    static String fromJar(String line) {
        int source = line.indexOf(SOURCE);
        if (source <= 0 || !line.startsWith("file:", source + SOURCE.length())) {
            return null;
        }
        String name = line.substring(0, source).trim();
        return name.isEmpty() || name.contains(" ") || name.contains("/") ? null : name;
    }
}
