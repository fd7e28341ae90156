package io.vtdoracle.model.fault;

import io.vavr.collection.Vector;
import io.vtdoracle.api.Capabilities;

/**
 * Fault recording registers, FSTS and the fault and invalidation-completion event registers (§7.2, §7.3,
 * §10.4.9 – §10.4.14, §10.4.24 – §10.4.28).
 *
 * @param records         FRCD[0..n-1]
 * @param nextIndex       the internal index of the register the next fault is recorded in (§7.2.1)
 * @param overflow        FSTS.PFO (bit 0)
 * @param queueError      FSTS.IQE (bit 4)
 * @param recordIndex     FSTS.FRI (15:8): the first pending record, valid while PPF = 1
 * @param faultEvent      FECTL, FEDATA, FEADDR, FEUADDR
 * @param waitCompleted   ICS.IWC (bit 0)
 * @param completionEvent IECTL, IEDATA, IEADDR, IEUADDR
 */
public record FaultState(Vector<FaultRecord> records, int nextIndex, boolean overflow, boolean queueError,
                         int recordIndex, EventInterrupt faultEvent, boolean waitCompleted,
                         EventInterrupt completionEvent) {

    public static FaultState powerOn(Capabilities capabilities) {
        return new FaultState(Vector.fill(capabilities.faultRecordingRegisters(), FaultRecord.EMPTY), 0, false,
                false, 0, EventInterrupt.POWER_ON, false, EventInterrupt.POWER_ON);
    }

    /** FSTS.PPF (bit 1): some fault recording register has F = 1 (§10.4.9). */
    public boolean primaryPending() {
        return records.exists(FaultRecord::fault);
    }

    /** FSTS as software reads it: PFO 0, PPF 1, IQE 4, FRI 15:8 (ICE and ITE are never set). */
    public int status() {
        return (overflow ? 1 : 0) | (primaryPending() ? 2 : 0) | (queueError ? 0x10 : 0) | recordIndex << 8;
    }

    /** ICS as software reads it. */
    public int completionStatus() {
        return waitCompleted ? 1 : 0;
    }

    /** §7.3.1: the status conditions that drive the fault event, PPF, PFO and IQE; whether any is set. */
    boolean faultEventCondition() {
        return overflow || queueError || primaryPending();
    }

    /** Whether a pending record holds this source-id (§7.2.1: a fault from it may be collapsed). */
    boolean pendingFrom(int sourceId) {
        return records.exists(record -> record.fault() && record.sourceId() == sourceId);
    }

    FaultState withRecords(Vector<FaultRecord> value) {
        return new FaultState(value, nextIndex, overflow, queueError, recordIndex, faultEvent, waitCompleted,
                completionEvent);
    }

    FaultState withNextIndex(int value) {
        return new FaultState(records, value, overflow, queueError, recordIndex, faultEvent, waitCompleted,
                completionEvent);
    }

    FaultState withOverflow(boolean value) {
        return new FaultState(records, nextIndex, value, queueError, recordIndex, faultEvent, waitCompleted,
                completionEvent);
    }

    FaultState withQueueError(boolean value) {
        return new FaultState(records, nextIndex, overflow, value, recordIndex, faultEvent, waitCompleted,
                completionEvent);
    }

    FaultState withRecordIndex(int value) {
        return new FaultState(records, nextIndex, overflow, queueError, value, faultEvent, waitCompleted,
                completionEvent);
    }

    FaultState withFaultEvent(EventInterrupt value) {
        return new FaultState(records, nextIndex, overflow, queueError, recordIndex, value, waitCompleted,
                completionEvent);
    }

    FaultState withWaitCompleted(boolean value) {
        return new FaultState(records, nextIndex, overflow, queueError, recordIndex, faultEvent, value,
                completionEvent);
    }

    FaultState withCompletionEvent(EventInterrupt value) {
        return new FaultState(records, nextIndex, overflow, queueError, recordIndex, faultEvent, waitCompleted,
                value);
    }
}
