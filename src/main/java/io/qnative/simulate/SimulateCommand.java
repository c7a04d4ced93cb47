package io.qnative.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.qnative.api.autoscaling.AutoscalingKeys;

/**
 * {@code qnative simulate TRACE [--out FILE] [--svg FILE] [options]}: the command line (docs/simulate.md). Exit
 * codes: 0 done, 2 a bad command line, trace, annotation or {@code config-autoscaler} value (the message names the
 * line or sample and the field), 1 a file that cannot be read or written.
 */
public final class SimulateCommand {

    /** The first argument that selects this mode. */
    public static final String NAME = "simulate";
    /** Exit code of a bad command line or input. */
    public static final int BAD_INPUT = 2;
    /** Exit code of an I/O failure. */
    public static final int IO_FAILURE = 1;

    static final String USAGE = """
            usage: qnative simulate TRACE [--out FILE] [--svg FILE] [options]
              TRACE                 a .json or .csv trace, or - for standard input (JSON, or CSV with --csv)
              --out FILE            write the results JSON to FILE instead of standard output
              --svg FILE            write a chart of load, desired and ready pods and panic mode to FILE
              --annotation K=V      a revision annotation (K without a / is autoscaling.knative.dev/K); repeatable
              --config K=V          a config-autoscaler key; repeatable
              --container-concurrency N   the revision's containerConcurrency (0: unlimited)
              --reachability R      reachable, unreachable or unknown
              --pod-start-seconds S seconds from asking for a pod to its being ready
              --initial-ready-pods N      pods ready when the trace starts
              --tick-seconds N      seconds between decisions (default 2)
              --csv | --json        the format of standard input (default JSON)
            Options override the same settings of a JSON trace.""";

    private SimulateCommand() {
    }

    /** The parsed command line. */
    private record Args(String trace, String out, String svg, boolean csvIn, TraceReader.Overrides overrides) {
    }

    /** Runs the command; {@code args} exclude {@code simulate} itself. */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        Args a;
        try {
            a = parse(args);
        } catch (TraceException e) {
            stderr.println("qnative simulate: " + e.getMessage());
            stderr.println(USAGE);
            return BAD_INPUT;
        }
        if (a == null) {
            stdout.println(USAGE);
            return 0;
        }
        try {
            Simulation sim = Simulator.run(read(a.trace(), a.csvIn(), stdin, a.overrides()));
            if (a.out() == null) {
                Json.write(sim, stdout);
            } else {
                try (OutputStream os = Files.newOutputStream(Path.of(a.out()))) {
                    Json.write(sim, os);
                }
            }
            if (a.svg() != null) {
                Files.writeString(Path.of(a.svg()), SvgChart.render(sim, "qnative simulate " + a.trace(),
                        loadName(sim)), StandardCharsets.UTF_8);
            }
            return 0;
        } catch (TraceException e) {
            stderr.println("qnative simulate: " + e.getMessage());
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            stderr.println("qnative simulate: " + e.getFile() + ": no such file");
            return IO_FAILURE;
        } catch (IOException e) {
            stderr.println("qnative simulate: " + e);
            return IO_FAILURE;
        }
    }

    private static String loadName(Simulation sim) {
        Object metric = ((Map<?, ?>) sim.resolved().get("decider")).get("scalingMetric");
        return AutoscalingKeys.METRIC_RPS.equals(metric) ? "requests per second" : "concurrency";
    }

    /** The command line; null for {@code --help}. */
    private static Args parse(String[] args) throws TraceException {
        String trace = null;
        Map<String, String> opts = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        boolean csvIn = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if ("-h".equals(a) || "--help".equals(a)) {
                return null;
            } else if ("--csv".equals(a) || "--json".equals(a)) {
                csvIn = "--csv".equals(a);
            } else if (VALUED.contains(a)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new TraceException(a + " needs a value");
                    }
                    value = args[++i];
                }
                if ("--annotation".equals(a)) {
                    pair(a, value, annotations);
                } else if ("--config".equals(a)) {
                    pair(a, value, config);
                } else {
                    opts.put(a, value);
                }
            } else if (a.startsWith("--") || trace != null) {
                throw new TraceException("unexpected argument \"" + args[i] + "\"");
            } else {
                trace = a;
            }
        }
        if (trace == null) {
            throw new TraceException("no TRACE given");
        }
        return new Args(trace, opts.get("--out"), opts.get("--svg"), csvIn, new TraceReader.Overrides(annotations,
                config, opt(opts, "--container-concurrency", v -> (long) integer("--container-concurrency", v, 0,
                        Integer.MAX_VALUE)),
                opts.get("--reachability"),
                opt(opts, "--pod-start-seconds", v -> number("--pod-start-seconds", v)),
                opt(opts, "--initial-ready-pods", v -> integer("--initial-ready-pods", v, 0, 100_000)),
                opt(opts, "--tick-seconds", v -> integer("--tick-seconds", v, 1, 3600))));
    }

    private static final java.util.Set<String> VALUED = java.util.Set.of("--out", "--svg", "--annotation", "--config",
            "--container-concurrency", "--reachability", "--pod-start-seconds", "--initial-ready-pods",
            "--tick-seconds");

    @FunctionalInterface
    private interface Conversion<T> {
        T convert(String value) throws TraceException;
    }

    private static <T> T opt(Map<String, String> opts, String name, Conversion<T> conversion) throws TraceException {
        String v = opts.get(name);
        return v == null ? null : conversion.convert(v);
    }

    private static Trace read(String trace, boolean csvIn, InputStream stdin, TraceReader.Overrides o)
            throws IOException, TraceException {
        boolean stdinTrace = "-".equals(trace);
        String lower = trace.toLowerCase(Locale.ROOT);
        boolean csv = stdinTrace ? csvIn : lower.endsWith(".csv");
        if (!stdinTrace && !csv && !lower.endsWith(".json")) {
            throw new TraceException(trace + ": a trace file ends in .json or .csv");
        }
        try (Reader r = stdinTrace ? new InputStreamReader(stdin, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(trace), StandardCharsets.UTF_8)) {
            return csv ? TraceReader.csv(trace, r, o) : TraceReader.json(trace, r, o);
        }
    }

    private static void pair(String flag, String value, Map<String, String> into) throws TraceException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new TraceException(flag + " \"" + value + "\": expected KEY=VALUE");
        }
        into.put(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
    }

    private static int integer(String flag, String value, int min, int max) throws TraceException {
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min || v > max) {
                throw new TraceException(flag + " " + value + ": must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TraceException(flag + " \"" + value + "\": not a whole number");
        }
    }

    private static double number(String flag, String value) throws TraceException {
        try {
            double v = Double.parseDouble(value.strip());
            if (!Double.isFinite(v) || v < 0) {
                throw new TraceException(flag + " " + value + ": must be a number ≥ 0");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TraceException(flag + " \"" + value + "\": not a number");
        }
    }
}
