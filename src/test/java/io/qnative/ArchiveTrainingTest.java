package io.qnative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's training start links the classes its class log says it read from jars, and only those. */
class ArchiveTrainingTest {

    @Test
    void namesOnlyTheClassesReadFromAJar() {
        assertThat(ArchiveTraining.fromJar(
                "com.fasterxml.jackson.databind.ObjectMapper source: file:/app/lib/main/jackson-databind.jar"))
                .isEqualTo("com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(ArchiveTraining.fromJar("io.qnative.Main source: file:/app/app/qnative.jar"))
                .isEqualTo("io.qnative.Main");
        assertThat(ArchiveTraining.fromJar("java.lang.Object source: shared objects file")).isNull();
        assertThat(ArchiveTraining.fromJar("io.qnative.Main source: shared objects file (top)")).isNull();
        assertThat(ArchiveTraining.fromJar("java.net.http.HttpClient source: jrt:/java.net.http")).isNull();
        assertThat(ArchiveTraining.fromJar(
                "io.qnative.Main$$Lambda$12/0x0000000800c0b000 source: io.qnative.Main")).isNull();
        assertThat(ArchiveTraining.fromJar("[0.1s][info][class,load] no source here")).isNull();
    }

    @Test
    void linksTheClassesTheLoaderFindsAndSkipsTheRest(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Files.write(log, java.util.List.of(
                "io.qnative.Main source: file:/app/app/qnative.jar",
                "io.qnative.config.ConfigSnapshot source: file:/app/app/qnative.jar",
                "io.qnative.NoSuchClass source: file:/app/app/qnative.jar",
                "java.lang.Object source: shared objects file",
                "io.qnative.Main$$Lambda$12/0x0000000800c0b000 source: io.qnative.Main"));

        assertThat(ArchiveTraining.link(log, getClass().getClassLoader())).isEqualTo(2);
    }
}
