package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.dma.DmaRemapping;
import io.vtdoracle.model.invalidation.InvalidationRegisterAccess;
import io.vtdoracle.model.invalidation.InvalidationRegisters;
import io.vtdoracle.model.paging.WalkReadings;
import io.vtdoracle.model.registers.RegisterAccess;

/**
 * The behaviours the other readings of the specification's open points admit ({@link Ambiguity},
 * docs/ambiguities.md), next to the model's own: each is flagged with its reading, and only kept where the model's
 * reading does not already admit the same behaviour.
 */
final class OpenPoints {

    /** The faults of a walk that met A1's point: an entry lacking the right above the faulting one. */
    private static final List<Result> PERMISSION_POINT = dmaFaults(FaultReason.PAGING_ENTRY_RESERVED,
            FaultReason.PAGING_ENTRY_ACCESS_ERROR, FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED,
            FaultReason.SM_SECOND_STAGE_ENTRY_ACCESS_ERROR, FaultReason.SM_SECOND_STAGE_ENTRY_NOT_PRESENT,
            FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED, FaultReason.SM_FIRST_STAGE_ENTRY_ACCESS_ERROR,
            FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT);
    /** The faults of a first-stage walk that met A7's point: entries used before the fault. */
    private static final List<Result> ACCESSED_POINT = dmaFaults(FaultReason.SM_FIRST_STAGE_ENTRY_ACCESS_ERROR,
            FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT, FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED,
            FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE, FaultReason.SM_WRITE_NOT_PERMITTED,
            FaultReason.SM_INTERRUPT_ADDRESS);
    /** The fault of a second-stage walk that met A8's point: a reserved bit, which may be SNP. */
    private static final List<Result> SNOOP_POINT = dmaFaults(FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED);

    private static final int FECTL = 0x38;
    private static final int FEDATA = 0x3C;
    private static final int FEADDR = 0x40;
    private static final int FEUADDR = 0x44;
    private static final int IECTL = 0xA0;
    private static final int IEDATA = 0xA4;
    private static final int IEADDR = 0xA8;
    private static final int IEUADDR = 0xAC;
    private static final long COMMAND_BIT = 1L << 31;

    private OpenPoints() {
    }

    /** The model's alternatives for {@code operation}, then those only another reading admits. */
    static List<Alternative> admit(UnitState state, Operation operation, List<Alternative> preferred) {
        List<Alternative> others = otherReadings(state, operation, preferred)
                .filter(other -> !preferred.exists(own -> own.sameBehaviour(other)));
        return preferred.appendAll(others);
    }

    private static List<Alternative> otherReadings(UnitState state, Operation operation, List<Alternative> preferred) {
        if (operation instanceof Operation.DmaRequest dma && !Operation.inInterruptWindow(dma.address())) {
            return walks(state, dma.source(), dma.address(), dma.access(), preferred);
        } else if (operation instanceof Operation.InterruptRequest irq && !Operation.inInterruptWindow(irq.address())) {
            return walks(state, irq.source(), irq.address(), Access.WRITE, preferred);
        } else if (operation instanceof Operation.WriteRegister write && preferred.size() == 1
                && preferred.head().outcome().result().equals(Result.DONE)) {
            return queueAddressNotTaken(state, write, preferred.head())
                    .appendAll(upperAddressReserved(state, write))
                    .appendAll(extendedDataReserved(state, write))
                    .appendAll(commandLeftPending(state, write, preferred.head()));
        }
        return List.empty();
    }

    /**
     * The other readings of the open points about fresh walks, each where the model's own walk met its point: A1
     * and A8 for the outcomes they add, A7 for the memory it leaves (the outcome is the same fault), alone and, where
     * A1 applies too, together with it (QEMU's first-stage walk checks the rights first and sets A as it goes).
     */
    private static List<Alternative> walks(UnitState state, SourceId source, long address, Access access,
                                           List<Alternative> preferred) {
        boolean permission = faulted(preferred, PERMISSION_POINT);
        boolean accessed = faulted(preferred, ACCESSED_POINT);
        boolean snoop = faulted(preferred, SNOOP_POINT);
        WalkReadings own = WalkReadings.PREFERRED;
        List<Alternative> others = List.empty();
        if (permission) {
            others = others.appendAll(newOutcomes(preferred,
                    DmaRemapping.request(state, source, address, access, own.permissionFirst()), Ambiguity.A1));
        }
        if (snoop) {
            others = others.appendAll(newOutcomes(preferred.appendAll(others),
                    DmaRemapping.request(state, source, address, access, own.snoopNotReserved()), Ambiguity.A8));
        }
        if (accessed) {
            others = others.appendAll(newBehaviours(preferred.appendAll(others), DmaRemapping.request(state, source,
                    address, access, own.settingAccessedBeforeFault()), Ambiguity.A7));
        }
        if (accessed && permission) {
            others = others.appendAll(newBehaviours(preferred.appendAll(others), DmaRemapping.request(state, source,
                    address, access, own.permissionFirst().settingAccessedBeforeFault()), Ambiguity.A1, Ambiguity.A7));
        }
        return others;
    }

    /** Whether one of the model's own alternatives is one of {@code faults}. */
    private static boolean faulted(List<Alternative> preferred, List<Result> faults) {
        return preferred.exists(own -> faults.contains(own.outcome().result()));
    }

    private static List<Result> dmaFaults(FaultReason... reasons) {
        return List.of(reasons).map(Result.DmaFault::new);
    }

    /**
     * A1 (a walk that faulted Ch, or 7h, a lower entry unreadable, in the model's reading may stop earlier, at the
     * first entry lacking the request's right, with 5h/6h: QEMU's vtd_iova_to_slpte; in scalable mode the same for
     * SSS.3/SSS.1 and SFS.3/SFS.1, and for a lower entry not present, SSS.2/SFS.2, which has a reason of its own
     * there), A8 (SNP of a scalable-mode second-stage leaf not reserved: QEMU's vtd_init):
     * the other reading's alternatives whose outcome none admitted already shows.
     */
    private static List<Alternative> newOutcomes(List<Alternative> admitted, List<Alternative> other,
                                                 Ambiguity ambiguity) {
        return other.filter(alternative -> !admitted.exists(known -> known.outcome().equals(alternative.outcome())))
                .map(alternative -> alternative.under(ambiguity.otherReading()));
    }

    /**
     * A7 (a first-stage walk that faults may have set A in the entries it used before the fault: QEMU's
     * vtd_iova_to_flpte): the other readings' alternatives that differ from every one admitted already, if only in
     * memory.
     */
    private static List<Alternative> newBehaviours(List<Alternative> admitted, List<Alternative> other,
                                                   Ambiguity... ambiguities) {
        return other.filter(alternative -> !admitted.exists(known -> known.sameBehaviour(alternative)))
                .map(alternative -> List.of(ambiguities).foldLeft(alternative,
                        (flagged, ambiguity) -> flagged.under(ambiguity.otherReading())));
    }

    /**
     * A2: IQA written while queued invalidation is enabled, or so that its base has bits at or above the host
     * address width, may be left as it was (QEMU latches the queue base when QI is enabled).
     */
    private static List<Alternative> queueAddressNotTaken(UnitState state, Operation.WriteRegister write,
                                                          Alternative own) {
        if ((write.offset() & ~7) != InvalidationRegisters.IQA) {
            return List.empty();
        }
        long written = own.next().registers().invalidation().queueAddress();
        boolean beyondHaw = (written >>> state.capabilities().addressWidth()) != 0;
        if (!state.registers().queuedInvalidationEnabled() && !beyondHaw) {
            return List.empty();
        }
        return List.of(new Alternative(Outcome.of(Result.DONE), state).under(Ambiguity.A2.otherReading()));
    }

    /** A3: without ECAP.EIM, FEUADDR and IEUADDR may be reserved: whatever is written, they hold 0. */
    private static List<Alternative> upperAddressReserved(UnitState state, Operation.WriteRegister write) {
        if (state.capabilities().extendedInterruptMode()) {
            return List.empty();
        }
        boolean upperOnly = write.size() == 4 && (write.offset() == FEUADDR || write.offset() == IEUADDR);
        boolean withUpper = write.size() == 8 && (write.offset() == FEADDR || write.offset() == IEADDR);
        if (!upperOnly && !withUpper) {
            return List.empty();
        }
        long zeroed = upperOnly ? 0 : write.value() & 0xFFFF_FFFFL;
        return RegisterAccess.write(state, new Operation.WriteRegister(write.offset(), write.size(), zeroed))
                .map(other -> other.under(Ambiguity.A3.otherReading()));
    }

    /**
     * A6: §10.4.11 (FEDATA) and §10.4.26 (IEDATA): EIMD, bits 31:16, is valid only for units supporting 32-bit
     * interrupt data; a unit with 16-bit data treats it as reserved. No capability says which a unit is, so a write
     * setting those bits may leave them 0 (QEMU keeps 16 bits of FEDATA).
     */
    private static List<Alternative> extendedDataReserved(UnitState state, Operation.WriteRegister write) {
        boolean dataOnly = write.size() == 4 && (write.offset() == FEDATA || write.offset() == IEDATA);
        boolean withData = write.size() == 8 && (write.offset() == FECTL || write.offset() == IECTL);
        long extended = dataOnly ? 0xFFFF_0000L : withData ? 0xFFFF_0000_0000_0000L : 0;
        if ((write.value() & extended) == 0) {
            return List.empty();
        }
        return RegisterAccess.write(state, new Operation.WriteRegister(write.offset(), write.size(),
                write.value() & ~extended)).map(other -> other.under(Ambiguity.A6.otherReading()));
    }

    /**
     * A4: a CCMD or IOTLB_REG command (ICC/IVT written 1) while queued invalidation is enabled may be left pending
     * instead of rejected (QEMU 7.2 leaves ICC/IVT set and never performs it).
     */
    private static List<Alternative> commandLeftPending(UnitState state, Operation.WriteRegister write,
                                                        Alternative own) {
        if (!state.registers().queuedInvalidationEnabled()) {
            return List.empty();
        }
        int register = write.offset() & ~7;
        boolean command = register == InvalidationRegisters.CCMD || register == InvalidationRegisters.IOTLB;
        long upper = write.size() == 8 ? write.value() >>> 32 : write.offset() % 8 == 4 ? write.value() : 0;
        if (!command || (upper & COMMAND_BIT) == 0) {
            return List.empty();
        }
        return List.of(new Alternative(own.outcome(), InvalidationRegisterAccess.leftPending(state, own.next(),
                register)).under(Ambiguity.A4.otherReading()));
    }
}
