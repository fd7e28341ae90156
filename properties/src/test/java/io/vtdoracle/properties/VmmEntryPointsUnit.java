package io.vtdoracle.properties;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.EventCollector;
import io.vtdoracle.impl.EventSink;
import io.vtdoracle.impl.FastRemappingUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The implementation driven through the entry points a VMM calls instead of {@link RemappingUnit#apply}: a DMA
 * request through the allocation-free {@link FastRemappingUnit#translate} (its result read back from
 * {@link FastRemappingUnit#translatedAddress()}, {@link FastRemappingUnit#pageMask()},
 * {@link FastRemappingUnit#rights()} and its events from {@link FastRemappingUnit#lastEvents()}), a write into the
 * interrupt window then as the interrupt request it is, and every other operation through
 * {@link FastRemappingUnit#apply(Operation, EventSink)}; what they report is turned back into the {@link Outcome}
 * the properties judge. Public so the campaign can judge it too ({@code check --unit-class
 * io.vtdoracle.properties.VmmEntryPointsUnit} with this module's test classes on the class path).
 */
public final class VmmEntryPointsUnit implements RemappingUnit {

    private static final Permission[] RIGHTS = {
        Permission.NONE, Permission.READ, Permission.WRITE, Permission.READ_WRITE};

    private final FastRemappingUnit unit;
    private final EventCollector sink = new EventCollector();

    public VmmEntryPointsUnit(Capabilities capabilities) {
        unit = new FastRemappingUnit(capabilities);
    }

    @Override
    public Outcome apply(Operation operation) {
        if (operation instanceof Operation.DmaRequest request) {
            return translate(request);
        }
        sink.clear();
        Result result = unit.apply(operation, sink);
        return new Outcome(result, sink.events());
    }

    private Outcome translate(Operation.DmaRequest request) {
        int status = unit.translate(request.source().value(), request.address(), request.access() == Access.WRITE);
        List<Event> events = unit.lastEvents();
        return switch (status) {
            case FastRemappingUnit.TRANSLATED -> new Outcome(new Result.Translated(unit.translatedAddress(),
                    unit.pageMask(), RIGHTS[unit.rights()]), events);
            case FastRemappingUnit.BLOCKED -> new Outcome(Result.BLOCKED, events);
            // a DMA write into the interrupt window is an interrupt request of data 0 (contract §3 step 0, §5)
            case FastRemappingUnit.INTERRUPT_WINDOW_WRITE -> interruptRequest(request, events);
            default -> new Outcome(new Result.DmaFault(FaultReason.ofCode(status).orElseThrow(
                    () -> new IllegalStateException("translate returned " + status + ", not a fault reason"))),
                    events);
        };
    }

    /** The interrupt request a write into the window is, after the events {@code translate} reported. */
    private Outcome interruptRequest(Operation.DmaRequest request, List<Event> translated) {
        sink.clear();
        Result result = unit.apply(new Operation.InterruptRequest(request.source(), request.address(), 0), sink);
        List<Event> events = new ArrayList<>(translated);
        events.addAll(sink.events());
        return new Outcome(result, events);
    }
}
