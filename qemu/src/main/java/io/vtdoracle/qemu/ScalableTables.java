package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;

import java.util.ArrayList;
import java.util.List;

/**
 * Scalable-mode programming of one device, as the guest memory and register writes a driver makes (VT-d §9.2 –
 * §9.7, docs/semantics.md §9): the root table at {@link #ROOT}, the device's context table at {@link #CONTEXT}
 * (upper half 0x1000 above), its PASID directory at {@link #DIRECTORY} and RID_PASID 0's PASID table at
 * {@link #PASID_TABLE}, second-stage tables from {@link #SS_TOP} and first-stage tables from {@link #FS_TOP}
 * (one page per level, downwards). Each method adds operations; {@link #operations()} returns them in order.
 */
public final class ScalableTables {

    public static final long ROOT = 0x1000;
    public static final long CONTEXT = 0x10000;
    public static final long DIRECTORY = 0x40000;
    public static final long PASID_TABLE = 0x41000;
    /** The top second-stage table (3 levels: SS_TOP, SS_TOP + 0x1000, SS_TOP + 0x2000). */
    public static final long SS_TOP = 0x100000;
    /** The PML4 of the first-stage tables (4 levels: FS_TOP ... FS_TOP + 0x3000). */
    public static final long FS_TOP = 0x200000;
    public static final int DID = 9;
    public static final long P = 1;
    public static final long FPD = 2;
    /** PASID-table entry word 0: PGTT (bits 8:6) and AW (bits 4:2) in place. */
    public static final long FIRST_STAGE = 1L << 6;
    public static final long SECOND_STAGE = 2L << 6;
    public static final long NESTED = 3L << 6;
    public static final long PASS_THROUGH = 4L << 6;
    public static final long AW39 = 1L << 2;
    public static final long AW48 = 2L << 2;
    /** First-stage entry bits: U/S, R/W, PS, A, D. */
    public static final long US = 4;
    public static final long RW = 2;
    public static final long PS = 1L << 7;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;

    private final SourceId device;
    private final List<Operation> operations = new ArrayList<>();

    public ScalableTables(SourceId device) {
        this.device = device;
    }

    /** Root, context and PASID directory entries of the device, and RID_PASID 0's PASID-table entry (DID 9). */
    public ScalableTables device(long pasidWord0, long pasidWord2) {
        root(CONTEXT | P, 0);
        context(DIRECTORY | P, 0);
        memory(DIRECTORY, PASID_TABLE | P);
        return pasidEntry(pasidWord0, DID, pasidWord2);
    }

    /** The root entry of the device's bus: low qword (devfn 0–127), high qword (devfn 128–255). */
    public ScalableTables root(long low, long high) {
        return memory(ROOT + device.bus() * 16L, low).memory(ROOT + device.bus() * 16L + 8, high);
    }

    /** The device's context entry, words 0 and 1 (2 and 3 stay zero). */
    public ScalableTables context(long word0, long word1) {
        long entry = CONTEXT + (device.devfn() >= 128 ? 0x1000 : 0) + (device.devfn() & 0x7F) * 32L;
        return memory(entry, word0).memory(entry + 8, word1);
    }

    /** RID_PASID 0's PASID-table entry, words 0 to 2. */
    public ScalableTables pasidEntry(long word0, long word1, long word2) {
        return memory(PASID_TABLE, word0).memory(PASID_TABLE + 8, word1).memory(PASID_TABLE + 16, word2);
    }

    /** Second-stage tables mapping the 4 KiB page of {@code iova} to {@code output} with {@code rights} (R 1, W 2). */
    public ScalableTables secondStageMap(long iova, long output, long rights) {
        return memory(SS_TOP + index(iova, 3) * 8, (SS_TOP + 0x1000) | 3)
                .memory(SS_TOP + 0x1000 + index(iova, 2) * 8, (SS_TOP + 0x2000) | 3)
                .memory(SS_TOP + 0x2000 + index(iova, 1) * 8, output | rights);
    }

    /** First-stage tables (4 levels) mapping the 4 KiB page of {@code iova} to {@code output}, leaf flags added. */
    public ScalableTables firstStageMap(long iova, long output, long leafFlags) {
        for (int level = 4; level > 1; level--) {
            memory(firstStageEntry(iova, level), (FS_TOP + (5 - level) * 0x1000L) | US | RW | P);
        }
        return memory(firstStageEntry(iova, 1), output | leafFlags | P);
    }

    /** Where the first-stage entry of {@code iova} at {@code level} (4 = PML4 ... 1 = PT) lies. */
    public static long firstStageEntry(long iova, int level) {
        return FS_TOP + (4 - level) * 0x1000L + index(iova, level) * 8;
    }

    /** RTADDR = the root table with TTM {@code ttm} (bits 11:10), then GCMD.SRTP, then GCMD.TE. */
    public ScalableTables enable(int ttm) {
        register(0x20, 8, ROOT | (long) ttm << 10);
        register(0x18, 4, 1L << 30);
        return register(0x18, 4, 1L << 31);
    }

    public ScalableTables memory(long address, long value) {
        operations.add(new Operation.WriteMemory(address, value));
        return this;
    }

    public ScalableTables register(int offset, int size, long value) {
        operations.add(new Operation.WriteRegister(offset, size, value));
        return this;
    }

    public ScalableTables dma(long address, Access access) {
        operations.add(new Operation.DmaRequest(device, address, access));
        return this;
    }

    public ScalableTables read(int offset, int size) {
        operations.add(new Operation.ReadRegister(offset, size));
        return this;
    }

    public ScalableTables readMemory(long address) {
        operations.add(new Operation.ReadMemory(address));
        return this;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    private static long index(long address, int level) {
        return (address >>> (12 + 9 * (level - 1))) & 0x1FF;
    }
}
