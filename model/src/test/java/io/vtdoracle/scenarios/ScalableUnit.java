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

    private final RemappingUnit unit;

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
        register(0x18, 4, GCMD_SRTP);
        register(0x18, 4, GCMD_TE);
        return this;
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
