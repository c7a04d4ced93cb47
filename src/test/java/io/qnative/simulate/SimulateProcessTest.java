package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code qnative simulate} is a mode of the binary's own main class ({@code io.qnative.Main}) that never boots
 * Quarkus: a forked JVM, blocked reading its trace from standard input, holds no TCP or UDP socket (Quarkus would
 * have opened its HTTP, health and gateway listeners), then prints the results and exits 0; a bad trace exits 2.
 */
class SimulateProcessTest {

    static final String TRACE = "{\"initialReadyPods\": 1, \"samples\": [{\"t\": 0, \"concurrency\": 30}, "
            + "{\"t\": 4, \"concurrency\": 30}]}";

    static Process fork(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.qnative.Main", "simulate"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    /**
     * The process's TCP and UDP sockets: its socket descriptors (/proc/PID/fd) whose inode is in its network
     * namespace's inet tables. The JDK's own socketpair (a Unix-domain pair for closing files) is not a port.
     */
    static List<String> inetSockets(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        StringBuilder tables = new StringBuilder();
        for (String t : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path table = proc.resolve("net").resolve(t);
            if (Files.exists(table)) {
                tables.append(Files.readString(table));
            }
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (link.startsWith("socket:[")) {
                    String inode = link.substring("socket:[".length(), link.length() - 1);
                    if (java.util.regex.Pattern.compile("\\s" + inode + "\\s").matcher(tables).find()) {
                        found.add(fd + " -> " + link);
                    }
                }
            }
        }
        return found;
    }

    /** Whether one of the process's threads waits in a pipe read (the simulator reading standard input). */
    static boolean readingStdin(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(t -> {
                try {
                    return Files.readString(t.resolve("wchan")).contains("pipe_read");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void simulateRunsInTheBinaryWithoutOpeningAnySocket() throws Exception {
        Process p = fork("-");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!readingStdin(p.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(readingStdin(p.pid())).as("the simulator waits for its trace on standard input").isTrue();
            assertThat(inetSockets(p.pid())).as("TCP/UDP sockets open while simulating").isEmpty();
            try (OutputStream in = p.getOutputStream()) {
                in.write(TRACE.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).isEmpty();
            JsonNode result = new ObjectMapper().readTree(out);
            // ceil(30 / 70) = 1 pod at t=2 and t=4
            assertThat(result.get("records")).hasSize(2);
            assertThat(result.at("/records/1/deciderPods").asInt()).isEqualTo(1);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBadTraceExitsWithTwo() throws Exception {
        Process p = fork("-");
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write("{\"samples\": [{\"t\": \"soon\"}]}".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(err).contains("sample 0: field \"t\": \"soon\" is not a number");
        } finally {
            p.destroyForcibly();
        }
    }
}
