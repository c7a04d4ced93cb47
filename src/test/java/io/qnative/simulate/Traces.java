package io.qnative.simulate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Test helpers: traces from text, and the command run in-process on byte streams. */
final class Traces {

    private Traces() {
    }

    static Trace json(String text) throws TraceException, IOException {
        return TraceReader.json("test.json", new StringReader(text), TraceReader.Overrides.NONE);
    }

    static Simulation simulate(String json) throws TraceException, IOException {
        return Simulator.run(json(json));
    }

    /** What one run of the command did. */
    record Run(int code, String out, String err) {
    }

    static Run command(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulateCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Simulation.Record at(Simulation sim, double t) {
        return sim.records().stream().filter(r -> r.t() == t).findFirst()
                .orElseThrow(() -> new AssertionError("no decision at t=" + t));
    }
}
