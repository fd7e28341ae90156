package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.cache.IotlbTag;
import io.vtdoracle.impl.cache.PasidCache;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;

/**
 * DMA remapping of untranslated requests (contract §3): the context cache, the IOTLB and the second-level walk,
 * with fault recording; in scalable mode (latched TTM = 01b, contract §9) the {@link ScalableRemapper}.
 * {@link #translate} is the allocation-free fast path: it returns a status and leaves a translation in
 * {@link #address()}, {@link #pageMask()} and {@link #rights()}.
 *
 * <p>What is cached in legacy mode: a context entry after it was read valid (until a context-cache invalidation
 * covers it), and a leaf translation after a request succeeded through it (until an IOTLB invalidation covers it).
 * An IOTLB entry answers only under a context entry with the same DID; permission and interrupt-window checks apply
 * to it as to a fresh walk. Faulting results are not cached.
 */
public final class DmaRemapper {

    /** {@link #translate} status: translated; see {@link #address()}, {@link #pageMask()}, {@link #rights()}. */
    public static final int TRANSLATED = 0;
    /** {@link #translate} status: a read of the interrupt window, blocked without a fault (§3.14). */
    public static final int BLOCKED = -1;
    /** {@link #translate} status: a write into the interrupt window, which is an interrupt request, not DMA. */
    public static final int INTERRUPT_WINDOW_WRITE = -2;

    private static final int ROOT_TABLE_MODE_INVALID = 0x30;

    private final RemappingState state;
    private final ContextReader contextReader;
    private final ContextCache contextCache;
    private final Iotlb iotlb;
    private final DmaFaults faults;
    private final Translation translation = new Translation();
    private final SecondLevelWalk secondLevel;
    private final ScalableRemapper scalable;

    /**
     * A remapper over the unit's caches: {@code contextCache} holds legacy context entries, {@code scalableContexts}
     * scalable-mode ones, {@code iotlb} the translations of both modes (tagged by {@link IotlbTag}).
     */
    public DmaRemapper(Capabilities capabilities, GuestMemory memory, RemappingState state,
                       ContextReader contextReader, ScalableContextReader scalableReader, ContextCache contextCache,
                       ContextCache scalableContexts, PasidCache pasidCache, Iotlb iotlb, FaultRecorder recorder) {
        this.state = state;
        this.contextReader = contextReader;
        this.contextCache = contextCache;
        this.iotlb = iotlb;
        this.faults = new DmaFaults(recorder);
        this.secondLevel = new SecondLevelWalk(capabilities, memory);
        this.scalable = new ScalableRemapper(capabilities, memory, scalableReader, scalableContexts, pasidCache,
                iotlb, faults, translation, secondLevel);
    }

    /**
     * Translates a DMA request of {@code sid} (0..0xFFFF) to {@code requestAddress}: {@link #TRANSLATED},
     * {@link #BLOCKED}, {@link #INTERRUPT_WINDOW_WRITE} (nothing done), or a positive fault reason code (the fault
     * is recorded as the contract says, its events appended to the unit's event list).
     */
    public int translate(int sid, long requestAddress, boolean write) {
        if (Operation.inInterruptWindow(requestAddress)) {
            return write ? INTERRUPT_WINDOW_WRITE : BLOCKED;
        }
        if (!state.translationEnabled()) {
            return translation.identity(requestAddress);
        }
        switch (state.tableMode()) {
            case 0:
                return legacy(sid, requestAddress, write);
            case 1:
                return scalable.translate(sid, requestAddress, write);
            default:
                // §10.4.6, contract §9.1: TTM 10b/11b, every request faults RTA.1 (not qualified)
                return faults.fault(sid, ROOT_TABLE_MODE_INVALID, requestAddress, write, false);
        }
    }

    /** The translated address of the last successful {@link #translate}. */
    public long address() {
        return translation.address;
    }

    /** The page mask of the last successful {@link #translate}: 0xFFF, 0x1FFFFF or 0x3FFFFFFF. */
    public long pageMask() {
        return translation.pageMask;
    }

    /** The rights of the last successful {@link #translate}: R in bit 0, W in bit 1. */
    public int rights() {
        return translation.rights;
    }

    private int legacy(int sid, long requestAddress, boolean write) {
        long lo;
        long hi;
        if (contextCache.lookup(sid)) {
            lo = contextCache.lo();
            hi = contextCache.hi();
        } else {
            int status = contextReader.read(sid);
            if (status != ContextReader.OK) {
                return faults.fault(sid, status, requestAddress, write, ContextEntry.fpd(contextReader.lo()));
            }
            lo = contextReader.lo();
            hi = contextReader.hi();
            contextCache.store(sid, lo, hi);
        }
        if (ContextEntry.translationType(lo) == ContextEntry.TT_PASS_THROUGH) {
            return translation.identity(requestAddress);
        }
        boolean fpd = ContextEntry.fpd(lo);
        if (requestAddress >>> ContextEntry.agaw(hi) != 0) {
            return faults.fault(sid, WalkFaults.LEGACY.beyondAgaw, requestAddress, write, fpd);
        }
        int did = ContextEntry.domainId(hi);
        int slot = iotlb.find(sid, requestAddress);
        if (slot >= 0 && (iotlb.tag(slot) & (IotlbTag.KIND | IotlbTag.DID)) == IotlbTag.legacy(did)) {
            long leaf = iotlb.leaf(slot);
            return finish(sid, requestAddress, write, leaf & ~Translation.PAGE_MASK_4K, (int) leaf & 3,
                    Iotlb.levelSize(iotlb.level(slot)) - 1, fpd);
        }
        int status = secondLevel.walk(ContextEntry.secondLevelPointer(lo), ContextEntry.levels(hi), requestAddress,
                write, WalkFaults.LEGACY);
        if (status != TRANSLATED) {
            return faults.fault(sid, status, requestAddress, write, fpd);
        }
        status = finish(sid, requestAddress, write, secondLevel.base(), secondLevel.rights(), secondLevel.mask(),
                fpd);
        if (status == TRANSLATED) {
            iotlb.insert(sid, requestAddress, secondLevel.level(), secondLevel.base() | secondLevel.rights(),
                    IotlbTag.legacy(did));
        }
        return status;
    }

    private int finish(int sid, long requestAddress, boolean write, long base, int leafRights, long mask,
                       boolean fpd) {
        int status = translation.complete(requestAddress, write, base, leafRights, mask, WalkFaults.LEGACY);
        return status == TRANSLATED ? status : faults.fault(sid, status, requestAddress, write, fpd);
    }
}
