package io.vtdoracle.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import java.util.HashMap;
import java.util.Map;

/** A guest driver for tests: programs tables in guest memory and registers through {@code apply}, as Linux does. */
final class Guest {

    static final int GCMD = 0x18;
    static final int GSTS = 0x1C;
    static final int RTADDR = 0x20;
    static final int CCMD = 0x28;
    static final int FSTS = 0x34;
    static final int FECTL = 0x38;
    static final int FEDATA = 0x3C;
    static final int FEADDR = 0x40;
    static final int IQH = 0x80;
    static final int IQT = 0x88;
    static final int IQA = 0x90;
    static final int ICS = 0x9C;
    static final int IECTL = 0xA0;
    static final int IRTA = 0xB8;
    static final int IVA = 0xF0;
    static final int IOTLB = 0xF8;
    static final int FRCD = 0x220;
    static final int TE = 1 << 31;
    static final int SRTP = 1 << 30;
    static final int QIE = 1 << 26;
    static final int IRE = 1 << 25;
    static final int SIRTP = 1 << 24;
    static final int CFI = 1 << 23;

    final FastRemappingUnit unit;
    final Capabilities capabilities;
    final long root;
    private long nextPage = 0x10_0000;
    private int command;
    private final Map<Integer, Long> contextTables = new HashMap<>();
    private final Map<Integer, long[]> topTables = new HashMap<>();

    Guest(Capabilities capabilities) {
        this(new FastRemappingUnit(capabilities), capabilities);
    }

    Guest(FastRemappingUnit unit, Capabilities capabilities) {
        this.unit = unit;
        this.capabilities = capabilities;
        this.root = page();
        write64(RTADDR, root);
        gcmdOneShot(SRTP);
    }

    Outcome apply(Operation operation) {
        return unit.apply(operation);
    }

    long page() {
        long page = nextPage;
        nextPage += 0x1000;
        return page;
    }

    void mem(long address, long value) {
        assertThat(apply(new Operation.WriteMemory(address, value)).result()).isEqualTo(Result.DONE);
    }

    long mem(long address) {
        return ((Result.Value) apply(new Operation.ReadMemory(address)).result()).value();
    }

    Outcome write32(int offset, long value) {
        return apply(new Operation.WriteRegister(offset, 4, value));
    }

    Outcome write64(int offset, long value) {
        return apply(new Operation.WriteRegister(offset, 8, value));
    }

    long read32(int offset) {
        return ((Result.Value) apply(new Operation.ReadRegister(offset, 4)).result()).value();
    }

    long read64(int offset) {
        return ((Result.Value) apply(new Operation.ReadRegister(offset, 8)).result()).value();
    }

    /** Sets persistent GCMD bits (TE, QIE, IRE, CFI) as Linux does: the status bits plus the new one. */
    Outcome gcmd(int bit, boolean on) {
        command = on ? command | bit : command & ~bit;
        return write32(GCMD, command);
    }

    Outcome gcmdOneShot(int bit) {
        return write32(GCMD, command | bit);
    }

    Outcome enableTranslation() {
        return gcmd(TE, true);
    }

    /** A context entry for {@code sid}: translated through {@code levels}-level tables (fresh top table). */
    long context(int sid, int did, int levels) {
        long top = page();
        topTables.put(sid, new long[] {top, levels});
        contextEntry(sid, top | 1, (levels - 2) | (long) did << 8);
        return top;
    }

    /** Writes the context entry of {@code sid} (creating its bus's context table) as raw qwords. */
    void contextEntry(int sid, long lo, long hi) {
        long table = contextTables.computeIfAbsent(sid >>> 8, bus -> {
            long t = page();
            mem(root + bus * 16L, t | 1);
            return t;
        });
        mem(table + (sid & 0xFF) * 16L, lo);
        mem(table + (sid & 0xFF) * 16L + 8, hi);
    }

    long contextTable(int bus) {
        return contextTables.get(bus);
    }

    /** Maps {@code iova} to {@code address} with a leaf at {@code level} and {@code rights} (R bit 0, W bit 1). */
    void map(int sid, long iova, long address, int level, int rights) {
        long[] top = topTables.get(sid);
        long table = top[0];
        for (int l = (int) top[1]; l > level; l--) {
            long slot = table + ((iova >>> (12 + 9 * (l - 1))) & 0x1FF) * 8;
            long entry = mem(slot);
            if ((entry & 3) == 0) {
                entry = page() | 3;
                mem(slot, entry);
            }
            table = entry & 0xF_FFFF_FFFF_F000L;
        }
        mem(table + ((iova >>> (12 + 9 * (level - 1))) & 0x1FF) * 8,
                address | rights | (level > 1 ? 0x80 : 0));
    }

    /** The address of the level-{@code level} entry translating {@code iova} for {@code sid} (tables must exist). */
    long entryAddress(int sid, long iova, int level) {
        long[] top = topTables.get(sid);
        long table = top[0];
        for (int l = (int) top[1]; l > level; l--) {
            table = mem(table + ((iova >>> (12 + 9 * (l - 1))) & 0x1FF) * 8) & 0xF_FFFF_FFFF_F000L;
        }
        return table + ((iova >>> (12 + 9 * (level - 1))) & 0x1FF) * 8;
    }

    Result dma(int sid, long address, Access access) {
        return apply(new Operation.DmaRequest(new SourceId(sid), address, access)).result();
    }

    Outcome dmaOutcome(int sid, long address, Access access) {
        return apply(new Operation.DmaRequest(new SourceId(sid), address, access));
    }

    /** Register-based global invalidations: context cache, then IOTLB. */
    void invalidateAllByRegister() {
        write64(CCMD, 1L << 63 | 1L << 61);
        write64(IOTLB, 1L << 63 | 1L << 60);
    }

    /** Register-based page-selective IOTLB invalidation. */
    Outcome invalidatePages(int did, long address, int am) {
        write64(IVA, address | am);
        return write64(IOTLB, 1L << 63 | 3L << 60 | (long) did << 32);
    }
}
