package io.vtdoracle.model.fault;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/**
 * The dword registers of the fault chapter as software reads and writes them (§10.4.9 – §10.4.14,
 * §10.4.24 – §10.4.28): FSTS, FECTL/FEDATA/FEADDR/FEUADDR, ICS, IECTL/IEDATA/IEADDR/IEUADDR and FRCD[i].
 */
public final class FaultRegisters {

    static final int FSTS = 0x34;
    static final int FECTL = 0x38;
    static final int FEDATA = 0x3C;
    static final int FEADDR = 0x40;
    static final int FEUADDR = 0x44;
    static final int ICS = 0x9C;
    static final int IECTL = 0xA0;
    static final int IEDATA = 0xA4;
    static final int IEADDR = 0xA8;
    static final int IEUADDR = 0xAC;
    /** §10.4.14: FRCD[0] is at 16 × CAP.FRO = 0x220. */
    public static final int FRCD = 0x220;

    /** FSTS bits software clears by writing 1: PFO (0), IQE (4), ICE (5), ITE (6). */
    private static final int FSTS_PFO = 1;
    private static final int FSTS_IQE = 1 << 4;

    private FaultRegisters() {
    }

    /** The value of the dword at {@code offset}, if it belongs to this chapter. */
    public static Option<Integer> read(FaultState faults, int offset) {
        if (offset >= FRCD) {
            return recordDword(faults, offset);
        }
        switch (offset) {
            case FSTS:
                return Option.some(faults.status());
            case FECTL:
                return Option.some(faults.faultEvent().control());
            case FEDATA:
                return Option.some(faults.faultEvent().data());
            case FEADDR:
                return Option.some(faults.faultEvent().address());
            case FEUADDR:
                return Option.some(faults.faultEvent().upperAddress());
            case ICS:
                return Option.some(faults.completionStatus());
            case IECTL:
                return Option.some(faults.completionEvent().control());
            case IEDATA:
                return Option.some(faults.completionEvent().data());
            case IEADDR:
                return Option.some(faults.completionEvent().address());
            case IEUADDR:
                return Option.some(faults.completionEvent().upperAddress());
            default:
                return Option.none();
        }
    }

    /** The effect of writing the dword at {@code offset}, if it belongs to this chapter. */
    public static Option<Transition> write(UnitState state, int offset, int value) {
        FaultState faults = state.faults();
        if (offset >= FRCD) {
            return recordIndex(faults, offset).map(index -> writeRecord(state, index, offset, value));
        }
        switch (offset) {
            case FSTS:
                return Option.some(writeStatus(state, value));
            case FECTL:
                return Option.some(writeControl(state, faults.faultEvent(), value,
                        Event.InterruptSource.FAULT_EVENT));
            case FEDATA:
                return Option.some(set(state, faults.withFaultEvent(faults.faultEvent().withData(value))));
            case FEADDR:
                return Option.some(set(state, faults.withFaultEvent(faults.faultEvent().withAddress(value))));
            case FEUADDR:
                return Option.some(set(state, faults.withFaultEvent(faults.faultEvent().withUpperAddress(value))));
            case ICS:
                return Option.some(writeCompletionStatus(state, value));
            case IECTL:
                return Option.some(writeControl(state, faults.completionEvent(), value,
                        Event.InterruptSource.INVALIDATION_COMPLETION));
            case IEDATA:
                return Option.some(set(state, faults.withCompletionEvent(faults.completionEvent().withData(value))));
            case IEADDR:
                return Option.some(set(state,
                        faults.withCompletionEvent(faults.completionEvent().withAddress(value))));
            case IEUADDR:
                return Option.some(set(state,
                        faults.withCompletionEvent(faults.completionEvent().withUpperAddress(value))));
            default:
                return Option.none();
        }
    }

    /** §10.4.9: PFO and IQE are RW1C (ICE and ITE too, but never set); PPF and FRI are read-only. */
    private static Transition writeStatus(UnitState state, int value) {
        FaultState faults = state.faults();
        FaultState cleared = faults
                .withOverflow(faults.overflow() && (value & FSTS_PFO) == 0)
                .withQueueError(faults.queueError() && (value & FSTS_IQE) == 0);
        return set(state, FaultEvent.softwareUpdate(cleared));
    }

    /** §10.4.24: IWC is RW1C; clearing it clears IECTL.IP (§10.4.25). */
    private static Transition writeCompletionStatus(UnitState state, int value) {
        FaultState faults = state.faults();
        if (!faults.waitCompleted() || (value & 1) == 0) {
            return Transition.of(state);
        }
        return set(state, faults.withWaitCompleted(false)
                .withCompletionEvent(faults.completionEvent().serviced()));
    }

    /** §10.4.10, §10.4.25: IM is read/write; clearing IM while IP = 1 sends the pending message. */
    private static Transition writeControl(UnitState state, EventInterrupt control, int value,
                                           Event.InterruptSource source) {
        Tuple2<EventInterrupt, List<Event>> written = control.writeControl(value, source);
        FaultState faults = state.faults();
        FaultState after = source == Event.InterruptSource.FAULT_EVENT
                ? faults.withFaultEvent(written._1)
                : faults.withCompletionEvent(written._1);
        return new Transition(state.withFaults(after), written._2);
    }

    /** §10.4.14: F (bit 127, bit 31 of the record's last dword) is RW1C; everything else is read-only. */
    private static Transition writeRecord(UnitState state, int index, int offset, int value) {
        FaultState faults = state.faults();
        boolean clearsFault = (offset - FRCD) % 16 == 12 && (value & (1 << 31)) != 0;
        if (!clearsFault) {
            return Transition.of(state);
        }
        FaultState cleared = faults.withRecords(faults.records().update(index, faults.records().get(index).cleared()));
        return set(state, FaultEvent.softwareUpdate(cleared));
    }

    private static Option<Integer> recordDword(FaultState faults, int offset) {
        return recordIndex(faults, offset).map(index -> {
            FaultRecord record = faults.records().get(index);
            int dword = (offset - FRCD) % 16 / 4;
            long qword = dword < 2 ? record.low() : record.high() & FaultRecord.HIGH_READABLE;
            return (int) (dword % 2 == 0 ? qword : qword >>> 32);
        });
    }

    private static Option<Integer> recordIndex(FaultState faults, int offset) {
        int index = (offset - FRCD) / 16;
        return index < faults.records().size() ? Option.some(index) : Option.none();
    }

    private static Transition set(UnitState state, FaultState faults) {
        return Transition.of(state.withFaults(faults));
    }
}
