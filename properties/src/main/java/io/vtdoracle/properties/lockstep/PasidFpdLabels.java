package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Detach;
import io.vtdoracle.properties.command.ScalableBits;
import io.vtdoracle.properties.command.ScalableBits.Structure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labels a qualified scalable-mode DMA fault from the PASID-table entry's step on (59h and later) of a device whose
 * RID_PASID entry has FPD = 1: the fault must go unrecorded (contract §9.3, §9.6). One instance per case.
 */
final class PasidFpdLabels {

    static final String FAULT_UNDER_PASID_FPD = "dma-fault-under-pasid-entry-fpd";

    /** The first fault reason found at or after the PASID-table entry that its FPD governs (SPT.2, §9.3). */
    private static final int FROM_PASID_ENTRY = 0x59;
    private static final long FPD = 1L << 1;

    /** The requester-ids whose RID_PASID entry the guest gave FPD = 1. */
    private final Set<Integer> fpd = new HashSet<>();

    /** Remembers what {@code command} changes, before it runs. */
    void beforeCommand(Command command) {
        if (command instanceof ScalableBits b && b.structure() == Structure.PASID_ENTRY
                && b.word() % Structure.PASID_ENTRY.words() == 0 && (b.mask() & FPD) != 0) {
            if ((b.value() & FPD) != 0) {
                fpd.add(b.source().value());
            } else {
                fpd.remove(b.source().value());
            }
        } else if (command instanceof Attach a) {
            fpd.remove(a.source().value());
        } else if (command instanceof Detach d) {
            fpd.remove(d.source().value());
        }
    }

    /** Labels of {@code operation}'s outcome. */
    List<String> ofOutcome(Operation operation, Outcome actual) {
        if (operation instanceof Operation.DmaRequest dma && fpd.contains(dma.source().value())
                && actual.result() instanceof Result.DmaFault f && f.reason().isQualified()
                && f.reason().code() >= FROM_PASID_ENTRY) {
            return List.of(FAULT_UNDER_PASID_FPD);
        }
        return List.of();
    }
}
