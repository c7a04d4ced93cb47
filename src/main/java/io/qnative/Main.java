package io.qnative;

import io.qnative.simulate.SimulateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The binary's entry point. {@code qnative simulate ...} runs the autoscaler simulator and exits before Quarkus
 * boots (no HTTP server, no cluster, no ports; docs/simulate.md); anything else starts qnative.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    /** Dispatches on the first argument. */
    public static void main(String... args) {
        if (args.length > 0 && SimulateCommand.NAME.equals(args[0])) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            int code = SimulateCommand.run(rest, System.in, System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        ArchiveTraining.installIfTraining(Main.class.getClassLoader());
        Quarkus.run(args);
    }
}
