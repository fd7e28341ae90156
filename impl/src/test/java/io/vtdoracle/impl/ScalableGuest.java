package io.vtdoracle.impl;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;

/**
 * A scalable-mode guest for tests: one device whose RID_PASID (0) entry is programmed by the test, 256-bit queued
 * invalidation, and the descriptors Linux's driver uses (context-cache, PASID-cache, IOTLB, P_IOTLB).
 */
final class ScalableGuest {

    static final SourceId DEVICE = SourceId.of(0, 3, 0);
    static final int DID = 9;
    static final long ROOT = 0x1000;
    static final long CONTEXT = 0x10000;
    static final long DIRECTORY = 0x40000;
    static final long PASID_TABLE = 0x41000;
    static final long QUEUE = 0x80000;
    /** PGTT values in place (PASID-table entry word 0, bits 8:6), with P. */
    static final long FIRST_STAGE = 1L << 6 | 1;
    static final long SECOND_STAGE_3_LEVEL = 2L << 6 | 1L << 2 | 1;
    static final long PASS_THROUGH = 4L << 6 | 1;

    final FastRemappingUnit unit;
    private int tail;

    /** Root, context and directory entries of {@link #DEVICE}; RTADDR with TTM 01b, SRTP, the queue, QIE, TE. */
    ScalableGuest(Capabilities capabilities) {
        unit = new FastRemappingUnit(capabilities);
        memory(ROOT + DEVICE.bus() * 16L, CONTEXT | 1);
        memory(CONTEXT + (DEVICE.devfn() & 0x7F) * 32L, DIRECTORY | 1);
        memory(DIRECTORY, PASID_TABLE | 1);
        register(0x20, ROOT | 1L << 10);
        register(0x18, 1L << 30);
        register(0x90, QUEUE | 1L << 11);
        register(0x18, 1L << 26);
        register(0x18, 1L << 26 | 1L << 31);
    }

    /** The RID_PASID entry's words 0 and 2 (word 1: {@link #DID}). */
    ScalableGuest pasidEntry(long word0, long word2) {
        return pasidEntry(word0, DID, word2);
    }

    ScalableGuest pasidEntry(long word0, int did, long word2) {
        memory(PASID_TABLE, word0);
        memory(PASID_TABLE + 8, did);
        return memory(PASID_TABLE + 16, word2);
    }

    ScalableGuest memory(long address, long value) {
        unit.apply(new Operation.WriteMemory(address, value));
        return this;
    }

    long memory(long address) {
        return ((Result.Value) unit.apply(new Operation.ReadMemory(address)).result()).value();
    }

    void register(int offset, long value) {
        unit.apply(new Operation.WriteRegister(offset, 8, value));
    }

    Outcome apply(Operation operation) {
        return unit.apply(operation);
    }

    Result dma(long address, Access access) {
        return unit.apply(new Operation.DmaRequest(DEVICE, address, access)).result();
    }

    /** Submits one 256-bit descriptor (q2 and q3 zero) and returns the IQT write's outcome. */
    Outcome submit(long q0, long q1) {
        memory(QUEUE + tail, q0);
        memory(QUEUE + tail + 8, q1);
        tail += 32;
        return unit.apply(new Operation.WriteRegister(0x88, 8, tail));
    }

    /** A global context-cache invalidation. */
    Outcome invalidateContexts() {
        return submit(1 | 1 << 4, 0);
    }

    /** PASID-cache invalidation, PASID-selective within {@link #DID}, of RID_PASID 0. */
    Outcome invalidatePasid() {
        return submit(7 | 1 << 4 | DID << 16, 0);
    }

    /** IOTLB invalidation, domain-selective ({@link #DID}). */
    Outcome invalidateDomain() {
        return submit(2 | 2 << 4 | DID << 16, 0);
    }

    /** IOTLB invalidation, page-selective ({@link #DID}) of the 4 KiB page at {@code address}. */
    Outcome invalidatePage(long address) {
        return submit(2 | 3 << 4 | DID << 16, address);
    }

    /** P_IOTLB, PASID-selective ({@link #DID}, PASID 0). */
    Outcome invalidatePasidMappings() {
        return submit(6 | 2 << 4 | DID << 16, 0);
    }

    /** P_IOTLB, page-selective within PASID 0 ({@link #DID}) of the 4 KiB page at {@code address}. */
    Outcome invalidatePasidPage(long address) {
        return submit(6 | 3 << 4 | DID << 16, address);
    }

    /** Whether FSTS.IQE is clear (every descriptor so far was valid). */
    boolean queueHealthy() {
        return (((Result.Value) unit.apply(new Operation.ReadRegister(0x34, 4)).result()).value() & 1 << 4) == 0;
    }
}
