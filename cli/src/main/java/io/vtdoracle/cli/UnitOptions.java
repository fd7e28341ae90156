package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;
import io.vtdoracle.protocol.ProcessUnitFactory;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --unit impl|model}, {@code --unit-class CLASS}, {@code --unit-cmd COMMAND}: the unit to judge. */
final class UnitOptions {

    @Option(names = "--unit", paramLabel = "impl|model",
            description = "a built-in unit: impl (FastRemappingUnit, the default) or model (the reference model)")
    String unit;

    @Option(names = "--unit-class", paramLabel = "CLASS",
            description = "a RemappingUnit.Factory (no-argument constructor) or a RemappingUnit (constructor taking"
                    + " Capabilities) on the class path")
    String unitClass;

    @Option(names = "--unit-cmd", paramLabel = "COMMAND",
            description = "a program speaking the process protocol (docs/oracle-protocol.md), run with sh -c")
    String unitCmd;

    @Option(names = "--unit-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "how long a --unit-cmd program may take to answer one line (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** Whether any unit option was given. */
    boolean given() {
        return unit != null || unitClass != null || unitCmd != null;
    }

    /** The unit these options name (the built-in implementation if none). */
    UnitUnderTest open() {
        int count = (unit != null ? 1 : 0) + (unitClass != null ? 1 : 0) + (unitCmd != null ? 1 : 0);
        if (count > 1) {
            throw new BadArgument("--unit, --unit-class and --unit-cmd exclude each other");
        }
        if (unitCmd != null) {
            return command(unitCmd, timeout);
        }
        if (unitClass != null) {
            return new UnitUnderTest("class:" + unitClass, load(unitClass));
        }
        return builtIn(unit == null ? "impl" : unit);
    }

    static UnitUnderTest builtIn(String name) {
        return switch (name) {
            case "impl" -> new UnitUnderTest("impl", FastRemappingUnit::new);
            case "model" -> new UnitUnderTest("model", ModelUnit::new);
            default -> throw new BadArgument("--unit " + name + ": the built-in units are impl and model");
        };
    }

    static UnitUnderTest command(String commandLine, Duration timeout) {
        if (commandLine.isBlank()) {
            throw new BadArgument("--unit-cmd: the command is empty");
        }
        return new UnitUnderTest("cmd:" + commandLine,
                new ProcessUnitFactory(List.of("sh", "-c", commandLine), timeout));
    }

    /** A unit named in a replay file or a trace header ("impl", "model", "class:NAME", "cmd:COMMAND"). */
    static UnitUnderTest named(String name) {
        if (name.startsWith("class:")) {
            return new UnitUnderTest(name, load(name.substring("class:".length())));
        }
        if (name.startsWith("cmd:")) {
            return command(name.substring("cmd:".length()), ProcessUnitFactory.DEFAULT_TIMEOUT);
        }
        return builtIn(name);
    }

    static RemappingUnit.Factory load(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BadArgument("--unit-class " + className + ": no such class on the class path");
        }
        try {
            if (RemappingUnit.Factory.class.isAssignableFrom(type)) {
                return (RemappingUnit.Factory) type.getDeclaredConstructor().newInstance();
            }
            if (RemappingUnit.class.isAssignableFrom(type)) {
                Constructor<?> constructor = type.getConstructor(Capabilities.class);
                return capabilities -> {
                    try {
                        return (RemappingUnit) constructor.newInstance(capabilities);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        if (e.getCause() instanceof RuntimeException cause) {
                            throw cause;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        } catch (ReflectiveOperationException e) {
            throw new BadArgument("--unit-class " + className + ": cannot construct it (" + e + ")");
        }
        throw new BadArgument("--unit-class " + className + ": neither a RemappingUnit.Factory nor a RemappingUnit");
    }
}
