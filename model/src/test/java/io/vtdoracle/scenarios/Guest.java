package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.guest.GuestDriver;

import java.util.ArrayList;
import java.util.List;

/**
 * A unit under test and a guest driver programming it: the driver's operations are applied to the unit when a
 * test asks for outcomes. Shared by the scenario tests.
 */
public final class Guest {

    /** Where the driver allocates its tables (above the first MiB). */
    public static final long ARENA = 0x10_0000;

    private final RemappingUnit unit;
    private final GuestDriver driver;

    public Guest(RemappingUnit.Factory factory, Capabilities capabilities) {
        this.unit = factory.create(capabilities);
        this.driver = new GuestDriver(capabilities, ARENA);
    }

    public GuestDriver driver() {
        return driver;
    }

    /** Applies the driver's pending operations and returns their outcomes, in order. */
    public List<Outcome> run() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Operation operation : driver.drain()) {
            outcomes.add(unit.apply(operation));
        }
        return outcomes;
    }

    /** Applies the driver's pending operations and returns the events they produced, in order. */
    public List<Event> runEvents() {
        List<Event> events = new ArrayList<>();
        run().forEach(outcome -> events.addAll(outcome.events()));
        return events;
    }

    /** Applies pending operations, then {@code operation}; returns the outcome of {@code operation}. */
    public Outcome apply(Operation operation) {
        run();
        return unit.apply(operation);
    }

    public Outcome write(int offset, int size, long value) {
        return apply(new Operation.WriteRegister(offset, size, value));
    }

    public Outcome write32(int offset, long value) {
        return write(offset, 4, value);
    }

    public Outcome write64(int offset, long value) {
        return write(offset, 8, value);
    }

    /** The 8-byte register value at {@code offset}. */
    public long read64(int offset) {
        return value(apply(new Operation.ReadRegister(offset, 8)));
    }

    /** The 4-byte register value at {@code offset}. */
    public long read32(int offset) {
        return value(apply(new Operation.ReadRegister(offset, 4)));
    }

    /** The guest memory word at {@code address}. */
    public long memory(long address) {
        return value(apply(new Operation.ReadMemory(address)));
    }

    private static long value(Outcome outcome) {
        return ((Result.Value) outcome.result()).value();
    }
}
