package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.PasidDirectoryEntry;
import io.vtdoracle.impl.table.PasidEntry;
import io.vtdoracle.impl.table.ScalableContextEntry;
import io.vtdoracle.impl.table.ScalableRootEntry;

/**
 * Scalable-mode translation of a request without PASID (contract §9.2 – §9.7): the scalable root and context
 * entries, the context entry's RID_PASID through the PASID directory and table, then pass-through, the second stage
 * or the first stage as the PASID-table entry's PGTT says, each fault recorded unless an FPD governing it is set.
 * It reads guest memory fresh on every request and allocates nothing.
 */
final class ScalableRemapper {

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
    private static final int BEYOND_HAW = 0x83;

    private final GuestMemory memory;
    private final RemappingState state;
    private final DmaFaults faults;
    private final Translation translation;
    private final SecondLevelWalk secondStage;
    private final FirstStageWalk firstStage;
    private final Capabilities capabilities;
    private final int aw;
    private final long hawMask;

    ScalableRemapper(Capabilities capabilities, GuestMemory memory, RemappingState state, DmaFaults faults,
                     Translation translation, SecondLevelWalk secondStage) {
        this.capabilities = capabilities;
        this.memory = memory;
        this.state = state;
        this.faults = faults;
        this.translation = translation;
        this.secondStage = secondStage;
        this.firstStage = new FirstStageWalk(capabilities, memory);
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
    }

    int translate(int sid, long address, boolean write) {
        // §9.2: the root entry's half for the devfn
        long root = state.rootTable() + (long) (sid >>> 8) * ScalableRootEntry.SIZE;
        if (!memory.contains(root, ScalableRootEntry.SIZE - 8)) {
            return faults.fault(sid, ROOT_UNREADABLE, address, write, false);
        }
        int devfn = sid & 0xFF;
        long half = memory.read(root + ScalableRootEntry.halfOffset(devfn));
        if (!ScalableRootEntry.present(half)) {
            return faults.fault(sid, ROOT_NOT_PRESENT, address, write, false);
        }
        if (ScalableRootEntry.reservedSet(half, hawMask)) {
            return faults.fault(sid, ROOT_RESERVED, address, write, false);
        }
        // §9.4: the 256-bit context entry
        long context = ScalableRootEntry.contextTablePointer(half);
        long contextOffset = (long) (devfn & 0x7F) * ScalableContextEntry.SIZE;
        if (!memory.contains(context, contextOffset + 24)) {
            return faults.fault(sid, CONTEXT_UNREADABLE, address, write, false);
        }
        long c0 = memory.read(context + contextOffset);
        boolean fpd = ScalableContextEntry.fpd(c0);
        if (!ScalableContextEntry.present(c0)) {
            return faults.fault(sid, CONTEXT_NOT_PRESENT, address, write, fpd);
        }
        long c1 = memory.read(context + contextOffset + 8);
        if (ScalableContextEntry.reservedSet(c0, c1, memory.read(context + contextOffset + 16),
                memory.read(context + contextOffset + 24), hawMask, capabilities.deviceTlb(),
                capabilities.scalableMode().supervisorRequests())) {
            return faults.fault(sid, CONTEXT_RESERVED, address, write, fpd);
        }
        int pasid = ScalableContextEntry.ridPasid(c1);
        if (pasid > ScalableContextEntry.maxPasid(c0)) {
            return faults.fault(sid, RID_PASID_INVALID, address, write, fpd);
        }
        // §9.5: the PASID directory entry; its FPD governs with the context entry's from here
        long directory = ScalableContextEntry.pasidDirectoryPointer(c0);
        if (!memory.contains(directory, PasidDirectoryEntry.offset(pasid))) {
            return faults.fault(sid, DIRECTORY_UNREADABLE, address, write, fpd);
        }
        long directoryEntry = memory.read(directory + PasidDirectoryEntry.offset(pasid));
        fpd |= PasidDirectoryEntry.fpd(directoryEntry);
        if (!PasidDirectoryEntry.present(directoryEntry)) {
            return faults.fault(sid, DIRECTORY_NOT_PRESENT, address, write, fpd);
        }
        if (PasidDirectoryEntry.reservedSet(directoryEntry, hawMask)) {
            return faults.fault(sid, DIRECTORY_RESERVED, address, write, fpd);
        }
        // §9.6: the PASID-table entry; its FPD governs with the two others from here
        long entry = PasidDirectoryEntry.pasidTablePointer(directoryEntry) + PasidEntry.offset(pasid);
        if (!memory.contains(entry, PasidEntry.SIZE - 8)) {
            return faults.fault(sid, PASID_TABLE_UNREADABLE, address, write, fpd);
        }
        long p0 = memory.read(entry);
        fpd |= PasidEntry.fpd(p0);
        if (!PasidEntry.present(p0)) {
            return faults.fault(sid, PASID_NOT_PRESENT, address, write, fpd);
        }
        long p1 = memory.read(entry + 8);
        long p2 = memory.read(entry + 16);
        if (PasidEntry.reservedSet(p0, p1, p2, hawMask, capabilities.scalableMode().supervisorRequests())
                || upperWordsSet(entry)) {
            return faults.fault(sid, PASID_RESERVED, address, write, fpd);
        }
        if (!validProgramming(p0, p2)) {
            return faults.fault(sid, PASID_INVALID, address, write, fpd);
        }
        int status = translate(p0, p2, address, write);
        return status == DmaRemapper.TRANSLATED ? status : faults.fault(sid, status, address, write, fpd);
    }

    /** The translation the PASID-table entry selects: a status or an unrecorded fault code. */
    private int translate(long p0, long p2, long address, boolean write) {
        switch (PasidEntry.pgtt(p0)) {
            case PasidEntry.PGTT_PASS_THROUGH:
                // §3.9: pass-through below the host address width
                return address >>> aw != 0 ? BEYOND_HAW : translation.identity(address);
            case PasidEntry.PGTT_SECOND_STAGE: {
                // §3.7: the legacy second-level walk from SSPTPTR with the PASID-table entry's AW
                int addressWidth = PasidEntry.addressWidth(p0);
                if (address >>> (30 + 9 * addressWidth) != 0) {
                    return WalkFaults.SECOND_STAGE.beyondAgaw;
                }
                int status = secondStage.walk(PasidEntry.secondStagePointer(p0), addressWidth + 2, address, write,
                        WalkFaults.SECOND_STAGE);
                return status != DmaRemapper.TRANSLATED ? status : translation.complete(address, write,
                        secondStage.base(), secondStage.rights(), secondStage.mask(), WalkFaults.SECOND_STAGE);
            }
            default:
                return firstStage.translate(PasidEntry.firstStagePointer(p2),
                        PasidEntry.firstStagePagingMode(p2) == 1 ? 5 : 4, address, write, translation);
        }
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
    private boolean validProgramming(long p0, long p2) {
        switch (PasidEntry.pgtt(p0)) {
            case PasidEntry.PGTT_FIRST_STAGE: {
                int fspm = PasidEntry.firstStagePagingMode(p2);
                return capabilities.scalableMode().firstStage()
                        && (fspm == 0 || fspm == 1 && capabilities.scalableMode().firstStage5Level());
            }
            case PasidEntry.PGTT_SECOND_STAGE: {
                int addressWidth = PasidEntry.addressWidth(p0);
                return capabilities.scalableMode().secondStage()
                        && (addressWidth == 1 || addressWidth == 2 && aw == 48);
            }
            case PasidEntry.PGTT_PASS_THROUGH:
                return capabilities.passThrough();
            default:
                return false;
        }
    }
}
