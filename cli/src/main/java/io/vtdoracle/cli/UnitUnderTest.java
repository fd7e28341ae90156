package io.vtdoracle.cli;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.protocol.ProcessUnitFactory;
import java.util.Optional;

/**
 * The unit a command judges: a name for reports and replay files ({@code impl}, {@code model},
 * {@code class:NAME}, {@code cmd:COMMAND}), its factory, and the program behind it (if any), ended by close.
 */
record UnitUnderTest(String name, RemappingUnit.Factory factory, Optional<ProcessUnitFactory> program)
        implements AutoCloseable {

    UnitUnderTest(String name, RemappingUnit.Factory factory) {
        this(name, factory, factory instanceof ProcessUnitFactory p ? Optional.of(p) : Optional.empty());
    }

    /** The same unit made by another factory (a wrapper of this one's). */
    UnitUnderTest with(RemappingUnit.Factory wrapper) {
        return new UnitUnderTest(name, wrapper, program);
    }

    @Override
    public void close() {
        program.ifPresent(ProcessUnitFactory::close);
    }
}
