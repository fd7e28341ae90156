package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.PasidDirectoryEntry;
import io.vtdoracle.impl.table.PasidEntry;
import io.vtdoracle.impl.table.ScalableContextEntry;
import io.vtdoracle.impl.table.ScalableRootEntry;

/**
 * Reads a device's scalable-mode structures fresh from guest memory and checks them, without side effects: the root
 * and context entries (contract §9.2, {@link #readContext}) and the PASID directory and PASID-table entries of a
 * PASID (contract §9.3, {@link #readPasidEntry}). Each returns {@link #OK} or the fault reason code; the words read
 * stay available (a not-present context entry's word 0 too, so the caller can read its FPD).
 */
public final class ScalableContextReader {

    /** The read succeeded: present, valid entries. */
    public static final int OK = 0;

    private static final int ROOT_UNREADABLE = 0x38;
    private static final int ROOT_NOT_PRESENT = 0x39;
    private static final int ROOT_RESERVED = 0x3A;
    private static final int CONTEXT_UNREADABLE = 0x40;
    private static final int CONTEXT_NOT_PRESENT = 0x41;
    private static final int CONTEXT_RESERVED = 0x42;
    private static final int RID_PASID_INVALID = 0x48;
    private static final int DIRECTORY_UNREADABLE = 0x50;
    private static final int DIRECTORY_NOT_PRESENT = 0x51;
    private static final int DIRECTORY_RESERVED = 0x52;
    private static final int PASID_TABLE_UNREADABLE = 0x58;
    private static final int PASID_NOT_PRESENT = 0x59;
    private static final int PASID_RESERVED = 0x5A;
    private static final int PASID_INVALID = 0x5B;

    private final GuestMemory memory;
    private final RemappingState state;
    private final Capabilities capabilities;
    private final long hawMask;
    private long context0;
    private long context1;
    private boolean directoryFpd;
    private long entry0;
    private long entry1;
    private long entry2;

    public ScalableContextReader(Capabilities capabilities, GuestMemory memory, RemappingState state) {
        this.capabilities = capabilities;
        this.memory = memory;
        this.state = state;
        this.hawMask = (1L << capabilities.addressWidth()) - 1;
    }

    /** Steps 1–3 of contract §9.2 for {@code sid}: {@link #OK} (see {@link #context0()}, {@link #context1()}). */
    public int readContext(int sid) {
        // §9.2: the root entry's half for the devfn
        long root = state.rootTable() + (long) (sid >>> 8) * ScalableRootEntry.SIZE;
        if (!memory.contains(root, ScalableRootEntry.SIZE - 8)) {
            return ROOT_UNREADABLE;
        }
        int devfn = sid & 0xFF;
        long half = memory.read(root + ScalableRootEntry.halfOffset(devfn));
        if (!ScalableRootEntry.present(half)) {
            return ROOT_NOT_PRESENT;
        }
        if (ScalableRootEntry.reservedSet(half, hawMask)) {
            return ROOT_RESERVED;
        }
        // §9.4: the 256-bit context entry
        long entry = ScalableRootEntry.contextTablePointer(half) + (long) (devfn & 0x7F) * ScalableContextEntry.SIZE;
        if (!memory.contains(entry, ScalableContextEntry.SIZE - 8)) {
            return CONTEXT_UNREADABLE;
        }
        context0 = memory.read(entry);
        if (!ScalableContextEntry.present(context0)) {
            return CONTEXT_NOT_PRESENT;
        }
        context1 = memory.read(entry + 8);
        if (ScalableContextEntry.reservedSet(context0, context1, memory.read(entry + 16), memory.read(entry + 24),
                hawMask, capabilities.deviceTlb(), capabilities.scalableMode().supervisorRequests())) {
            return CONTEXT_RESERVED;
        }
        if (ScalableContextEntry.ridPasid(context1) > ScalableContextEntry.maxPasid(context0)) {
            return RID_PASID_INVALID;
        }
        return OK;
    }

    /**
     * Steps 4–5 of contract §9.3 for {@code pasid} through the directory of context word 0 {@code context}:
     * {@link #OK} (see {@link #entry0()}, {@link #entry1()}, {@link #entry2()}). Either way {@link #fpd()} says
     * whether the directory or PASID-table entry read has FPD set.
     */
    public int readPasidEntry(long context, int pasid) {
        directoryFpd = false;
        entry0 = 0;
        // §9.5: the PASID directory entry
        long directory = ScalableContextEntry.pasidDirectoryPointer(context);
        if (!memory.contains(directory, PasidDirectoryEntry.offset(pasid))) {
            return DIRECTORY_UNREADABLE;
        }
        long directoryEntry = memory.read(directory + PasidDirectoryEntry.offset(pasid));
        directoryFpd = PasidDirectoryEntry.fpd(directoryEntry);
        if (!PasidDirectoryEntry.present(directoryEntry)) {
            return DIRECTORY_NOT_PRESENT;
        }
        if (PasidDirectoryEntry.reservedSet(directoryEntry, hawMask)) {
            return DIRECTORY_RESERVED;
        }
        // §9.6: the PASID-table entry
        long entry = PasidDirectoryEntry.pasidTablePointer(directoryEntry) + PasidEntry.offset(pasid);
        if (!memory.contains(entry, PasidEntry.SIZE - 8)) {
            return PASID_TABLE_UNREADABLE;
        }
        entry0 = memory.read(entry);
        if (!PasidEntry.present(entry0)) {
            return PASID_NOT_PRESENT;
        }
        entry1 = memory.read(entry + 8);
        entry2 = memory.read(entry + 16);
        if (PasidEntry.reservedSet(entry0, entry1, entry2, hawMask, capabilities.scalableMode().supervisorRequests())
                || upperWordsSet(entry)) {
            return PASID_RESERVED;
        }
        return validProgramming() ? OK : PASID_INVALID;
    }

    public long context0() {
        return context0;
    }

    public long context1() {
        return context1;
    }

    /** Whether the directory entry or the PASID-table entry of the last {@link #readPasidEntry} has FPD set. */
    public boolean fpd() {
        return directoryFpd || PasidEntry.fpd(entry0);
    }

    public boolean directoryFpd() {
        return directoryFpd;
    }

    public long entry0() {
        return entry0;
    }

    public long entry1() {
        return entry1;
    }

    public long entry2() {
        return entry2;
    }

    /** Whether any bit of the PASID-table entry's words w3–w7 is set (all reserved here). */
    private boolean upperWordsSet(long entry) {
        for (int word = 3; word < 8; word++) {
            if (memory.read(entry + 8L * word) != 0) {
                return true;
            }
        }
        return false;
    }

    /** §9.6: PGTT supported by the capabilities, with an AW or FSPM the unit supports. */
    private boolean validProgramming() {
        switch (PasidEntry.pgtt(entry0)) {
            case PasidEntry.PGTT_FIRST_STAGE: {
                int fspm = PasidEntry.firstStagePagingMode(entry2);
                return capabilities.scalableMode().firstStage()
                        && (fspm == 0 || fspm == 1 && capabilities.scalableMode().firstStage5Level());
            }
            case PasidEntry.PGTT_SECOND_STAGE: {
                int addressWidth = PasidEntry.addressWidth(entry0);
                return capabilities.scalableMode().secondStage()
                        && (addressWidth == 1 || addressWidth == 2 && capabilities.addressWidth() == 48);
            }
            case PasidEntry.PGTT_PASS_THROUGH:
                return capabilities.passThrough();
            default:
                return false;
        }
    }
}
