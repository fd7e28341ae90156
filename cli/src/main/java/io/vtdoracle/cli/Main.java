package io.vtdoracle.cli;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The vtd-oracle command line: {@code check} runs the property campaign, {@code replay} re-runs a saved failure,
 * {@code judge} judges a trace, {@code serve} puts a built-in unit behind the process protocol.
 */
@Command(name = "vtd-oracle", mixinStandardHelpOptions = true, version = "vtd-oracle 0.1.0",
        description = "Holds a VT-d remapping unit to the reference model with property-based tests.",
        subcommands = {CheckCommand.class, ReplayCommand.class, JudgeCommand.class, ServeCommand.class,
                VectorsCommand.class, MergeReportsCommand.class, QemuCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code: every property held. */
    public static final int PASSED = 0;
    /** Exit code: a property was falsified (or its coverage was not reached). */
    public static final int FAILED = 1;
    /** Exit code: bad arguments. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The implementation {@code check} and {@code replay} hold to the model. */
    final RemappingUnit.Factory implementation;

    private Main(RemappingUnit.Factory implementation) {
        this.implementation = implementation;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: check, replay, judge or serve");
    }

    /** The command line with its error handling: bad arguments print what and where, and give exit code 2. */
    public static CommandLine commandLine() {
        return commandLine(FastRemappingUnit::new);
    }

    /** The command line holding units of {@code implementation} to the model (the tests use a faulty one). */
    static CommandLine commandLine(RemappingUnit.Factory implementation) {
        CommandLine cli = new CommandLine(new Main(implementation));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println("error: " + e.getMessage());
            at.getErr().println("usage: " + at.getCommandSpec().qualifiedName() + " --help");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, at, parsed) -> {
            if (e instanceof BadArgument) {
                at.getErr().println("error: " + e.getMessage());
                return USAGE;
            }
            at.getErr().println("internal error: " + e);
            return 3;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
