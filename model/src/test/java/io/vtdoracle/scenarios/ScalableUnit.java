package io.vtdoracle.scenarios;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;

/**
 * A unit programmed for scalable mode through operations only (memory words and registers), so any implementation
 * can run the same scenarios: the root table at {@link #ROOT}, each bus's lower context table at
 * {@code CONTEXT + bus·0x2000} and upper one 0x1000 above, {@link #DEVICE}'s PASID directory at {@link #DIRECTORY}
 * and its PASID table (PASIDs 0–63) at {@link #PASID_TABLE}. RTADDR is written with TTM = 01b, then SRTP and TE.
 */
final class ScalableUnit {

    static final SourceId DEVICE = SourceId.of(0, 3, 0);
    static final long ROOT = 0x1000;
    static final long CONTEXT = 0x10000;
    static final long DIRECTORY = 0x40000;
    static final long PASID_TABLE = 0x41000;
    static final int DID = 9;
    static final long P = 1;
    static final long FPD = 2;
    /** PGTT values in place (bits 8:6 of PASID-table entry word 0). */
    static final long FIRST_STAGE = 1L << 6;
    static final long SECOND_STAGE = 2L << 6;
    static final long NESTED = 3L << 6;
    static final long PASS_THROUGH = 4L << 6;
    /** AW = 1 (3-level, 39-bit) and AW = 2 (4-level, 48-bit) in place (bits 4:2). */
    static final long AW39 = 1L << 2;
    static final long AW48 = 2L << 2;
    static final long GCMD_SRTP = 1L << 30;
    static final long GCMD_TE = 1L << 31;
    static final long GCMD_QIE = 1L << 26;
    static final int FSTS = 0x34;
    static final int IQH = 0x80;
    static final int IQT = 0x88;
    static final int IQA = 0x90;
    /** IQA.DW (bit 11): 256-bit descriptors. */
    static final long IQA_DW = 1L << 11;
    static final int FSTS_IQE = 1 << 4;

    private final RemappingUnit unit;
    /** The persistent GCMD bits set so far (TE, QIE), written again with every command. */
    private long commands;
    private long queueBase;
    private int descriptorBytes;
    private int tail;

    ScalableUnit(RemappingUnit.Factory factory, Capabilities capabilities) {
        this.unit = factory.create(capabilities);
    }

    /** Root and context entries of {@link #DEVICE}, its PASID directory entry 0, and RID_PASID 0's entry. */
    ScalableUnit device(long pasidWord0, long pasidWord2) {
        root(DEVICE.bus(), CONTEXT | P, 0);
        context(DEVICE, DIRECTORY | P, 0);
        memory(DIRECTORY, PASID_TABLE | P);
        return pasidEntry(0, pasidWord0, DID, pasidWord2);
    }

    /** RTADDR = {@code rootTableAddress} with TTM {@code ttm}, then SRTP and TE. */
    ScalableUnit enable(long rootTableAddress, int ttm) {
        register(0x20, 8, rootTableAddress | (long) ttm << 10);
        register(0x18, 4, commands | GCMD_SRTP);
        return command(GCMD_TE);
    }

    /** Sets the persistent GCMD bit {@code bit}, keeping the others. */
    ScalableUnit command(long bit) {
        commands |= bit;
        return register(0x18, 4, commands);
    }

    /** The invalidation queue at {@code base} (one page), 256-bit descriptors if {@code wide}; IQT = 0, then QIE. */
    ScalableUnit queue(long base, boolean wide) {
        queueBase = base;
        descriptorBytes = wide ? 32 : 16;
        register(IQA, 8, base | (wide ? IQA_DW : 0));
        register(IQT, 8, 0);
        return command(GCMD_QIE);
    }

    /** Writes a descriptor (its qwords, the rest of its width 0) at the tail and moves IQT past it. */
    Outcome submit(long... qwords) {
        for (int qword = 0; qword < descriptorBytes / 8; qword++) {
            memory(queueBase + tail + 8L * qword, qword < qwords.length ? qwords[qword] : 0);
        }
        tail = (tail + descriptorBytes) % 0x1000;
        return apply(new Operation.WriteRegister(IQT, 8, tail));
    }

    long readRegister(int offset, int size) {
        return ((Result.Value) unit.apply(new Operation.ReadRegister(offset, size)).result()).value();
    }

    boolean queueError() {
        return (readRegister(FSTS, 4) & FSTS_IQE) != 0;
    }

    /** The table layout's root table, TTM = 01b. */
    ScalableUnit enable() {
        return enable(ROOT, 1);
    }

    ScalableUnit root(int bus, long low, long high) {
        return memory(ROOT + bus * 16L, low).memory(ROOT + bus * 16L + 8, high);
    }

    /** The scalable-mode context entry of {@code source} (words 2 and 3 zero) in the context table layout. */
    ScalableUnit context(SourceId source, long word0, long word1) {
        long table = CONTEXT + source.bus() * 0x2000L + (source.devfn() >= 128 ? 0x1000 : 0);
        long entry = table + (source.devfn() & 0x7F) * 32L;
        return memory(entry, word0).memory(entry + 8, word1);
    }

    ScalableUnit pasidEntry(int pasid, long word0, long word1, long word2) {
        long entry = PASID_TABLE + pasid * 64L;
        return memory(entry, word0).memory(entry + 8, word1).memory(entry + 16, word2);
    }

    ScalableUnit memory(long address, long value) {
        unit.apply(new Operation.WriteMemory(address, value));
        return this;
    }

    long memory(long address) {
        return ((Result.Value) unit.apply(new Operation.ReadMemory(address)).result()).value();
    }

    ScalableUnit register(int offset, int size, long value) {
        unit.apply(new Operation.WriteRegister(offset, size, value));
        return this;
    }

    Outcome apply(Operation operation) {
        return unit.apply(operation);
    }

    Outcome dma(SourceId source, long address, Access access) {
        return unit.apply(new Operation.DmaRequest(source, address, access));
    }

    Outcome dma(long address, Access access) {
        return dma(DEVICE, address, access);
    }

    /** The table index of {@code address} at {@code level}. */
    static long index(long address, int level) {
        return (address >>> (12 + 9 * (level - 1))) & 0x1FF;
    }
}
