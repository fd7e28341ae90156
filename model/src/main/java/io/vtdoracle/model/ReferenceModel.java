package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.dma.DmaRemapping;
import io.vtdoracle.model.interrupt.InterruptRemapping;
import io.vtdoracle.model.notifier.ListenerRegistry;
import io.vtdoracle.model.registers.RegisterAccess;

/**
 * The reference model of a VT-d remapping unit in legacy mode: a pure function from a state and an operation to
 * what the architecture allows (contract, docs/semantics.md).
 */
public final class ReferenceModel {

    private ReferenceModel() {
    }

    /** The state of a unit with these capabilities after power-on. */
    public static UnitState powerOn(Capabilities capabilities) {
        return UnitState.powerOn(capabilities);
    }

    /**
     * What the architecture allows when {@code operation} happens to a unit in {@code state}: the model's own
     * behaviours first, then those only another reading of an open point admits (flagged, {@link Ambiguity}),
     * each naming the sections of its rule.
     */
    public static Expectation step(UnitState state, Operation operation) {
        List<Alternative> own = alternatives(state, operation);
        return new Expectation(Citations.cite(state, operation, OpenPoints.admit(state, operation, own)));
    }

    private static List<Alternative> alternatives(UnitState state, Operation operation) {
        if (operation instanceof Operation.WriteMemory write) {
            return List.of(writeMemory(state, write));
        } else if (operation instanceof Operation.ReadMemory read) {
            return List.of(readMemory(state, read));
        } else if (operation instanceof Operation.WriteRegister write) {
            return RegisterAccess.write(state, write);
        } else if (operation instanceof Operation.ReadRegister read) {
            return RegisterAccess.read(state, read);
        } else if (operation instanceof Operation.DmaRequest dma) {
            return deviceRequest(state, dma);
        } else if (operation instanceof Operation.InterruptRequest irq) {
            return Operation.inInterruptWindow(irq.address())
                    ? InterruptRemapping.request(state, irq.source(), irq.address(), irq.data())
                    : DmaRemapping.request(state, irq.source(), irq.address(), Access.WRITE);
        } else if (operation instanceof Operation.RegisterListener registration) {
            return List.of(ListenerRegistry.register(state, registration));
        } else if (operation instanceof Operation.UnregisterListener removal) {
            return List.of(ListenerRegistry.unregister(state, removal.listener()));
        } else {
            return List.of(ListenerRegistry.replay(state, ((Operation.Replay) operation).listener()));
        }
    }

    /** §3.14: requests to the interrupt window are interrupt requests (writes) or blocked (reads), never DMA. */
    private static List<Alternative> deviceRequest(UnitState state, Operation.DmaRequest dma) {
        if (!Operation.inInterruptWindow(dma.address())) {
            return DmaRemapping.request(state, dma.source(), dma.address(), dma.access());
        }
        return dma.access() == Access.WRITE
                ? InterruptRemapping.request(state, dma.source(), dma.address(), 0)
                : List.of(new Alternative(Outcome.of(Result.BLOCKED), state));
    }

    private static Alternative writeMemory(UnitState state, Operation.WriteMemory write) {
        return state.memory().write(write.address(), write.value())
                .map(memory -> new Alternative(Outcome.of(Result.DONE), state.withMemory(memory)))
                .getOrElse(() -> ignoredOutsideMemory(state));
    }

    private static Alternative readMemory(UnitState state, Operation.ReadMemory read) {
        return state.memory().read(read.address())
                .map(value -> new Alternative(Outcome.of(new Result.Value(value)), state))
                .getOrElse(() -> ignoredOutsideMemory(state));
    }

    private static Alternative ignoredOutsideMemory(UnitState state) {
        return new Alternative(Outcome.of(new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY)), state);
    }
}
