package io.vtdoracle.protocol;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.RemappingUnit;
import java.time.Duration;
import java.util.List;

/**
 * Makes {@link ProcessUnit}s of one program. The program is started once and reused: each unit begins with a
 * hello that powers the program's unit on afresh. A program that died or was stopped is started again for the
 * next unit. Close the factory to end the program.
 */
public final class ProcessUnitFactory implements RemappingUnit.Factory, AutoCloseable {

    /** How long the program may take to answer one line, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Duration timeout;
    private ProgramConnection program;

    public ProcessUnitFactory(List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the program's command is empty");
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** A factory for a command line split on white space, with the default timeout. */
    public static ProcessUnitFactory of(String commandLine) {
        return new ProcessUnitFactory(List.of(commandLine.trim().split("\\s+")), DEFAULT_TIMEOUT);
    }

    /**
     * A unit at power-on with these capabilities: an {@link IllegalArgumentException} when the program refuses
     * them, a {@link UnitFailure} when it cannot be started or does not answer the hello.
     */
    @Override
    public synchronized RemappingUnit create(Capabilities capabilities) {
        if (program == null || !program.alive()) {
            if (program != null) {
                program.close();
            }
            program = new ProgramConnection(command, timeout);
        }
        long session = program.nextSession();
        ProcessUnit.hello(program, capabilities);
        return new ProcessUnit(program, session);
    }

    @Override
    public synchronized void close() {
        if (program != null) {
            program.close();
            program = null;
        }
    }
}
