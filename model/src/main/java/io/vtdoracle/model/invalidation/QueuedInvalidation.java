package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.fault.InvalidationEvents;
import io.vtdoracle.model.registers.RegisterFile;

/**
 * The invalidation queue (§6.5.2, contract §6.2, §9.8): a circular buffer of 128-bit descriptors (256-bit with
 * IQA.DW = 1) at IQA that the unit processes from IQH up to IQT, synchronously, whenever software moves the tail or
 * enables the queue. IQH and IQT hold byte offsets.
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
        if (queue.queueHead() != queue.queueTail()) {
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
                    || queue.queueHead() == queue.queueTail()) {
                return new Transition(current, emitted.reverse());
            }
            UnitState fetching = current;
            Option<Transition> executed = misplaced(queue) ? Option.none()
                    : fetch(fetching, queue).flatMap(descriptor -> descriptor.execute(fetching));
            Transition step = executed.isEmpty() ? InvalidationEvents.queueError(current)
                    : executed.get().then(QueuedInvalidation::advance);
            current = step.state();
            emitted = emitted.prependAll(step.events().reverse());
        }
    }

    /**
     * A tail beyond the queue (§6.5.2.10); with 256-bit descriptors, IQT bit 4 (reserved, §10.4.22) or a head
     * between two descriptors (IQA.DW changed under an enabled queue).
     */
    private static boolean misplaced(InvalidationRegisters queue) {
        int misalignment = queue.descriptorBytes() - 1;
        return queue.queueTail() >= queue.queueBytes() || (queue.queueTail() & misalignment) != 0
                || (queue.queueHead() & misalignment) != 0;
    }

    /**
     * The descriptor at the head, if all its qwords can be read and it is valid in the mode of the latched TTM
     * (§9.1: 01b scalable mode, anything else legacy mode).
     */
    private static Option<Descriptor> fetch(UnitState state, InvalidationRegisters queue) {
        long address = queue.queueBase() + queue.queueHead();
        int qwords = queue.descriptorBytes() / 8;
        if (Long.compareUnsigned(address + 8L * (qwords - 1), queue.queueBase()) < 0) {
            return Option.none();
        }
        boolean scalableMode = state.registers().translationTableMode() == 1;
        return Option.sequence(List.range(0, qwords).map(qword -> state.memory().read(address + 8L * qword)))
                .flatMap(words -> Descriptors.decode(words.toList(), state.capabilities(), scalableMode));
    }

    private static Transition advance(UnitState state) {
        InvalidationRegisters queue = state.registers().invalidation();
        return Transition.of(state.withRegisters(state.registers().withInvalidation(
                queue.withQueueHead((queue.queueHead() + queue.descriptorBytes()) % queue.queueBytes()))));
    }
}
