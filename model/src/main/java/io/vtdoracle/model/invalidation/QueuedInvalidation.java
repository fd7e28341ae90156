package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.fault.InvalidationEvents;
import io.vtdoracle.model.registers.RegisterFile;

/**
 * The invalidation queue (§6.5.2, contract §6.2): a circular buffer of 128-bit descriptors at IQA that the unit
 * processes from IQH up to IQT, synchronously, whenever software moves the tail or enables the queue.
 */
public final class QueuedInvalidation {

    private QueuedInvalidation() {
    }

    /** GCMD.QIE = 1 (§10.4.4): QIES is set and pending descriptors are processed. IQH stays as it is. */
    public static Transition enable(UnitState state) {
        return process(state.withRegisters(state.registers().withStatus(RegisterFile.QIES, true)));
    }

    /**
     * GCMD.QIE = 0 (§10.4.4): honoured only when the queue is empty (IQH = IQT); then QIES is cleared and IQH
     * reset to 0. Otherwise the command is ignored.
     */
    public static Transition disable(UnitState state) {
        InvalidationRegisters queue = state.registers().invalidation();
        if (queue.queueHead() != queue.tailIndex()) {
            return Transition.of(state);
        }
        return Transition.of(state.withRegisters(state.registers().withStatus(RegisterFile.QIES, false)
                .withInvalidation(queue.withQueueHead(0))));
    }

    /**
     * §6.5.2: while QIES = 1 and FSTS.IQE = 0, fetch and execute the descriptor at the head and advance the head,
     * until head = tail. A tail beyond the queue, or a descriptor that cannot be read, is invalid or cannot
     * complete, sets IQE (§6.5.2.10) and stops with the head at it, without any effect of that descriptor.
     */
    static Transition process(UnitState state) {
        UnitState current = state;
        // Newest first: appending each descriptor's events to a list would make a long queue quadratic.
        List<Event> emitted = List.empty();
        while (true) {
            InvalidationRegisters queue = current.registers().invalidation();
            if (!current.registers().queuedInvalidationEnabled() || current.faults().queueError()
                    || queue.queueHead() == queue.tailIndex()) {
                return new Transition(current, emitted.reverse());
            }
            UnitState fetching = current;
            Option<Transition> executed = queue.tailIndex() >= queue.queueSize() ? Option.none()
                    : fetch(fetching, queue).flatMap(descriptor -> descriptor.execute(fetching));
            Transition step = executed.isEmpty() ? InvalidationEvents.queueError(current)
                    : executed.get().then(QueuedInvalidation::advance);
            current = step.state();
            emitted = emitted.prependAll(step.events().reverse());
        }
    }

    /** The descriptor at the head, if both qwords can be read and it is valid. */
    private static Option<Descriptor> fetch(UnitState state, InvalidationRegisters queue) {
        long address = queue.queueBase() + 16L * queue.queueHead();
        if (Long.compareUnsigned(address, queue.queueBase()) < 0) {
            return Option.none();
        }
        return state.memory().read(address).flatMap(low -> state.memory().read(address + 8)
                .flatMap(high -> Descriptors.decode(low, high, state.capabilities())));
    }

    private static Transition advance(UnitState state) {
        InvalidationRegisters queue = state.registers().invalidation();
        return Transition.of(state.withRegisters(state.registers().withInvalidation(
                queue.withQueueHead((queue.queueHead() + 1) % queue.queueSize()))));
    }
}
