package io.vtdoracle.protocol;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import java.util.Optional;

/**
 * A factory whose units write their whole life to a trace: a header when one is made, a step for each operation.
 * Units that the wrapped factory refuses are not recorded.
 */
public final class Recording implements RemappingUnit.Factory {

    private final RemappingUnit.Factory recorded;
    private final TraceWriter trace;
    private final Optional<String> implementation;

    public Recording(RemappingUnit.Factory recorded, TraceWriter trace, Optional<String> implementation) {
        this.recorded = recorded;
        this.trace = trace;
        this.implementation = implementation;
    }

    @Override
    public RemappingUnit create(Capabilities capabilities) {
        RemappingUnit unit = recorded.create(capabilities);
        trace.header(capabilities, implementation);
        return operation -> record(operation, unit.apply(operation));
    }

    private Outcome record(Operation operation, Outcome outcome) {
        trace.step(operation, outcome);
        return outcome;
    }
}
