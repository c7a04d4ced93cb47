package io.qnative.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples under examples/simulate give exactly their golden results (src/test/resources/simulate): a JSON load
 * trace, a CSV load trace with flags, and a replay of recorded decisions. After a deliberate change, regenerate
 * them with {@code ./mvnw test -Dtest=SimulateGoldenTest -Dsimulate.golden.update=true} and review the diff.
 */
class SimulateGoldenTest {

    static final Path EXAMPLES = Path.of("examples", "simulate");
    static final Path GOLDEN = Path.of("src", "test", "resources", "simulate");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "burst.json | burst.golden.json | ",
        "ramp.csv   | ramp.golden.json  | --annotation metric=rps --annotation target=20 --pod-start-seconds 4 "
                + "--initial-ready-pods 1",
        "replay.json | replay.golden.json | "})
    void theExamplesGiveTheirGoldenResults(String trace, String golden, String flags) throws Exception {
        Path out = Files.createTempFile("simulate", ".json");
        List<String> args = new ArrayList<>(List.of(EXAMPLES.resolve(trace).toString(), "--out", out.toString()));
        if (flags != null) {
            args.addAll(List.of(flags.trim().split(" +")));
        }
        Traces.Run run = Traces.command("", args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        String got = Files.readString(out);
        Files.delete(out);
        if (Boolean.getBoolean("simulate.golden.update")) {
            Files.writeString(GOLDEN.resolve(golden), got);
        }
        assertThat(got).isEqualTo(Files.readString(GOLDEN.resolve(golden)));
    }
}
