package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;
import io.vtdoracle.impl.table.RootEntry;

/**
 * Reads a device's root and context entries fresh from guest memory and checks them (contract §3 steps 2–3),
 * without side effects. After {@link #read} the entry's qwords are in {@link #lo()} and {@link #hi()} (for a
 * not-present context entry too, so the caller can read its FPD).
 */
public final class ContextReader {

    /** The read succeeded: a present, valid context entry. */
    public static final int OK = 0;

    private final GuestMemory memory;
    private final RemappingState state;
    private final long hawMask;
    private final int sagaw;
    private final boolean deviceTlb;
    private final boolean passThrough;
    private long lo;
    private long hi;

    public ContextReader(Capabilities capabilities, GuestMemory memory, RemappingState state) {
        this.memory = memory;
        this.state = state;
        this.hawMask = (1L << capabilities.addressWidth()) - 1;
        this.sagaw = Capability.sagaw(capabilities);
        this.deviceTlb = capabilities.deviceTlb();
        this.passThrough = capabilities.passThrough();
    }

    /** Reads the context entry of {@code sid}: {@link #OK} or the fault reason code (1h, 2h, 3h, 8h–Bh). */
    public int read(int sid) {
        long rootTable = state.rootTable();
        long rootOffset = (long) (sid >>> 8) * RootEntry.SIZE;
        if (!memory.contains(rootTable, rootOffset + 8)) {
            return 0x8;
        }
        long rootLo = memory.read(rootTable + rootOffset);
        long rootHi = memory.read(rootTable + rootOffset + 8);
        if (!RootEntry.present(rootLo)) {
            return 0x1;
        }
        if (RootEntry.reservedSet(rootLo, rootHi, hawMask)) {
            return 0xA;
        }
        long contextTable = RootEntry.contextTablePointer(rootLo);
        long contextOffset = (long) (sid & 0xFF) * ContextEntry.SIZE;
        if (!memory.contains(contextTable, contextOffset + 8)) {
            return 0x9;
        }
        lo = memory.read(contextTable + contextOffset);
        hi = memory.read(contextTable + contextOffset + 8);
        if (!ContextEntry.present(lo)) {
            return 0x2;
        }
        if (ContextEntry.reservedSet(lo, hi, hawMask)) {
            return 0xB;
        }
        int tt = ContextEntry.translationType(lo);
        boolean ttValid = tt == ContextEntry.TT_MULTI_LEVEL
                || tt == ContextEntry.TT_MULTI_LEVEL_DEVICE_TLB && deviceTlb
                || tt == ContextEntry.TT_PASS_THROUGH && passThrough;
        if ((sagaw >>> ContextEntry.addressWidth(hi) & 1) == 0 || !ttValid) {
            return 0x3;
        }
        return OK;
    }

    public long lo() {
        return lo;
    }

    public long hi() {
        return hi;
    }
}
