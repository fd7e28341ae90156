package io.vtdoracle.qemu;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;

import java.util.List;
import java.util.Set;

/**
 * What the QEMU adapter saw of one operation: the parts of an {@link Outcome} QEMU shows, which parts it does
 * not show ({@link Hidden}), QEMU's own trace lines of the step, and a note on how the result was inferred.
 *
 * @param operation the operation performed
 * @param outcome   the outcome as observed; the parts named in {@code hidden} hold placeholders
 * @param hidden    what this observation cannot tell
 * @param trace     QEMU's trace lines printed during the step (vtd_* events, error messages)
 * @param note      how the adapter inferred the result, for reports
 * @param death     set when QEMU died or hung during the step (then {@code outcome} is null)
 */
public record Observation(Operation operation, Outcome outcome, Set<Hidden> hidden, List<String> trace, String note,
                          QemuDiedException death) {

    /** Parts of an outcome an observation of QEMU does not show. */
    public enum Hidden {
        /** Done versus Ignored of a write: a write has no return value on a bus. */
        WRITE_RESULT,
        /** The value of a register read that the contract ignores (bad size, alignment or offset). */
        IGNORED_READ_VALUE,
        /** The permission of a translation (QEMU's trace shows the address and page size, not the rights). */
        PERMISSION,
        /** The reason of a DMA or interrupt-remapping fault QEMU did not record nor trace with its reason. */
        FAULT_REASON,
        /** Which of the unit's own interrupts (fault event, invalidation completion) was sent. */
        INTERRUPT_SOURCE,
        /** Listener notifications and address-space switches: no listeners exist without VFIO. */
        LISTENER_EVENTS
    }

    public Observation {
        hidden = Set.copyOf(hidden);
        trace = List.copyOf(trace);
    }

    public boolean died() {
        return death != null;
    }

    @Override
    public String toString() {
        if (died()) {
            return "QEMU died: " + death.getMessage();
        }
        return Projection.show(this) + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
