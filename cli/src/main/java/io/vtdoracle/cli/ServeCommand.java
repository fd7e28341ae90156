package io.vtdoracle.cli;

import io.vtdoracle.protocol.ProtocolServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: a built-in unit behind the process protocol, on standard input and output. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the built-in implementation (or, with --model, the reference model; or a --unit-class)"
                + " over the process protocol on stdin/stdout (docs/oracle-protocol.md), until stdin ends.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", description = "serve the reference model instead of the implementation")
    boolean model;

    @Option(names = "--unit-class", paramLabel = "CLASS",
            description = "serve this RemappingUnit.Factory or RemappingUnit class from the class path")
    String unitClass;

    @Override
    public Integer call() throws Exception {
        UnitUnderTest unit = unitClass != null ? new UnitUnderTest("class:" + unitClass, UnitOptions.load(unitClass))
                : UnitOptions.builtIn(model ? "model" : "impl");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        new ProtocolServer(unit.factory(), unit.name()).serve(in, out);
        return Main.PASSED;
    }
}
