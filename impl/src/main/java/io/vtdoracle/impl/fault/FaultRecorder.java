package io.vtdoracle.impl.fault;

import io.vtdoracle.impl.EventSink;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;

/**
 * Primary fault logging (§7.2.1) and the fault status register: the fault recording registers FRCD[0..n-1],
 * FSTS (PFO, PPF, IQE, FRI) and the fault event they drive (contract §4). Faults of a source-id that already has
 * a recorded fault pending are collapsed.
 *
 * <p>FRCD[i] is 128 bits: low qword FI (63:12); high qword SID (15:0), FR (39:32), T (62, set for reads) and F (63,
 * write 1 to clear).
 */
public final class FaultRecorder {

    private static final int FSTS_PFO = 1;
    private static final int FSTS_PPF = 1 << 1;
    private static final int FSTS_IQE = 1 << 4;
    private static final long F = 1L << 63;
    private static final long T = 1L << 62;

    private final long[] infos;
    private final long[] highs;
    private final EventInterrupt faultEvent;
    private final EventSink events;
    private int next;
    private int fri;
    private boolean overflow;
    private boolean queueError;
    private int pendingCount;

    public FaultRecorder(int registers, EventInterrupt faultEvent, EventSink events) {
        this.infos = new long[registers];
        this.highs = new long[registers];
        this.faultEvent = faultEvent;
        this.events = events;
    }

    public EventInterrupt faultEvent() {
        return faultEvent;
    }

    /** Records a fault (contract §4 steps 1–5). */
    public void record(int sid, FaultReason reason, long info, Access access) {
        if (overflow) {
            return;
        }
        for (int i = 0; i < highs.length; i++) {
            if ((highs[i] & F) != 0 && ((int) highs[i] & 0xFFFF) == sid) {
                return;
            }
        }
        boolean statusBefore = anyStatus();
        if ((highs[next] & F) != 0) {
            overflow = true;
        } else {
            if (pendingCount == 0) {
                fri = next;
            }
            infos[next] = info & ~0xFFFL;
            highs[next] = F | (access == Access.READ ? T : 0) | (long) reason.code() << 32 | sid;
            pendingCount++;
            events.event(new Event.FaultRecorded(next, new SourceId(sid), reason, info & ~0xFFFL, access));
            next = (next + 1) % highs.length;
        }
        if (!statusBefore) {
            faultEvent.statusSet();
        }
    }

    /** Sets FSTS.IQE (an invalidation queue error), a fault event trigger. */
    public void queueError() {
        boolean statusBefore = anyStatus();
        queueError = true;
        if (!statusBefore) {
            faultEvent.statusSet();
        }
    }

    public boolean queueErrorPending() {
        return queueError;
    }

    public int readStatus() {
        return (overflow ? FSTS_PFO : 0) | (pendingCount > 0 ? FSTS_PPF : 0) | (queueError ? FSTS_IQE : 0)
                | fri << 8;
    }

    /** FSTS write: PFO and IQE are write-1-to-clear (ICE and ITE too, never set); the rest is read-only. */
    public void writeStatus(int value) {
        if ((value & FSTS_PFO) != 0) {
            overflow = false;
        }
        if ((value & FSTS_IQE) != 0) {
            queueError = false;
        }
        clearEventIfIdle();
    }

    /** A dword of the fault recording registers, {@code dword} counted from FRCD[0]'s low dword. */
    public int readRecord(int dword) {
        int index = dword >>> 2;
        long qword = (dword & 2) == 0 ? infos[index] : highs[index];
        return (int) (qword >>> ((dword & 1) * 32));
    }

    /** A dword write to the fault recording registers: only F (bit 127, write 1 to clear) is writable. */
    public void writeRecord(int dword, int value) {
        if ((dword & 3) == 3 && (value & (1 << 31)) != 0) {
            int index = dword >>> 2;
            if ((highs[index] & F) != 0) {
                highs[index] &= ~F;
                pendingCount--;
            }
            clearEventIfIdle();
        }
    }

    private boolean anyStatus() {
        return overflow || queueError || pendingCount > 0;
    }

    private void clearEventIfIdle() {
        if (!anyStatus()) {
            faultEvent.statusCleared();
        }
    }
}
