package io.vtdoracle.bench;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;

import java.util.List;

/** The two units the benchmarks compare, built by name ("model" or "impl"), and applying set-up programs. */
final class Units {

    /** 4-level tables (48-bit), caching mode, superpages: the unit a VFIO set-up uses. */
    static final Capabilities CAPABILITIES = Capabilities.DEFAULT.withAddressWidth(48);

    private Units() {
    }

    static RemappingUnit create(String name) {
        return create(name, CAPABILITIES);
    }

    static RemappingUnit create(String name, Capabilities capabilities) {
        switch (name) {
            case "model":
                return new ModelUnit(capabilities);
            case "impl":
                return new FastRemappingUnit(capabilities);
            default:
                throw new IllegalArgumentException("unknown unit '" + name + "': use model or impl");
        }
    }

    /** Applies a set-up program, failing loudly if the unit ignored any of it; returns the events' count. */
    static int apply(RemappingUnit unit, List<Operation> program) {
        int events = 0;
        for (Operation operation : program) {
            Outcome outcome = unit.apply(operation);
            if (outcome.result() instanceof Result.Ignored || outcome.result() instanceof Result.ListenerRefused) {
                throw new IllegalStateException("set-up step " + operation + " gave " + outcome);
            }
            events += outcome.events().size();
        }
        return events;
    }
}
