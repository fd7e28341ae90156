package io.vtdoracle.cli;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One run of the command line through {@link Main}, with what it printed on standard output and error. */
record CliRun(int exit, String out, String err) {

    /** A unit that answers every operation with "done": refinement fails at once. */
    static final RemappingUnit.Factory CARELESS = capabilities -> operation -> Outcome.of(Result.DONE);

    /** Runs the command line with the built-in implementation. */
    static CliRun of(String... args) {
        return with(null, args);
    }

    /** Runs the command line holding {@code implementation} (null: the built-in one) to the model. */
    static synchronized CliRun with(RemappingUnit.Factory implementation, String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var cli = implementation == null ? Main.commandLine() : Main.commandLine(implementation);
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }
}
