package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.fault.FaultCodes;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;
import io.vtdoracle.impl.table.SlPte;

/**
 * DMA remapping of untranslated requests (contract §3): the context cache, the IOTLB and the second-level walk,
 * with fault recording. {@link #translate} is the allocation-free fast path: it returns a status and leaves a
 * translation in {@link #address()}, {@link #pageMask()} and {@link #rights()}.
 *
 * <p>What is cached: a context entry after it was read valid (until a context-cache invalidation covers it), and
 * a leaf translation after a request succeeded through it (until an IOTLB invalidation covers it). An IOTLB entry
 * answers only under a context entry with the same DID; permission and interrupt-window checks apply to it as to
 * a fresh walk. Faulting results are not cached.
 */
public final class DmaRemapper {

    /** {@link #translate} status: translated; see {@link #address()}, {@link #pageMask()}, {@link #rights()}. */
    public static final int TRANSLATED = 0;
    /** {@link #translate} status: a read of the interrupt window, blocked without a fault (§3.14). */
    public static final int BLOCKED = -1;
    /** {@link #translate} status: a write into the interrupt window, which is an interrupt request, not DMA. */
    public static final int INTERRUPT_WINDOW_WRITE = -2;

    private static final long PAGE_MASK_4K = 0xFFF;

    private final GuestMemory memory;
    private final RemappingState state;
    private final ContextReader contextReader;
    private final ContextCache contextCache;
    private final Iotlb iotlb;
    private final FaultRecorder faults;
    private final int aw;
    private final long hawMask;
    private final boolean superpages;
    private long address;
    private long pageMask;
    private int rights;

    public DmaRemapper(Capabilities capabilities, GuestMemory memory, RemappingState state,
                       ContextReader contextReader, ContextCache contextCache, Iotlb iotlb, FaultRecorder faults) {
        this.memory = memory;
        this.state = state;
        this.contextReader = contextReader;
        this.contextCache = contextCache;
        this.iotlb = iotlb;
        this.faults = faults;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.superpages = capabilities.superpages();
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
            return identity(requestAddress);
        }
        long lo;
        long hi;
        if (contextCache.lookup(sid)) {
            lo = contextCache.lo();
            hi = contextCache.hi();
        } else {
            int status = contextReader.read(sid);
            if (status != ContextReader.OK) {
                return fault(sid, status, requestAddress, write, ContextEntry.fpd(contextReader.lo()));
            }
            lo = contextReader.lo();
            hi = contextReader.hi();
            contextCache.store(sid, lo, hi);
        }
        if (ContextEntry.translationType(lo) == ContextEntry.TT_PASS_THROUGH) {
            return identity(requestAddress);
        }
        boolean fpd = ContextEntry.fpd(lo);
        if (requestAddress >>> ContextEntry.agaw(hi) != 0) {
            return fault(sid, 0x4, requestAddress, write, fpd);
        }
        int did = ContextEntry.domainId(hi);
        int slot = iotlb.find(sid, requestAddress);
        if (slot >= 0 && (iotlb.tag(slot) & 0xFFFF) == did) {
            long leaf = iotlb.leaf(slot);
            return complete(sid, requestAddress, write, leaf & ~PAGE_MASK_4K, (int) leaf & 3,
                    Iotlb.levelSize(iotlb.level(slot)) - 1, fpd);
        }
        return walk(sid, requestAddress, write, lo, hi, fpd, did);
    }

    /** The translated address of the last successful {@link #translate}. */
    public long address() {
        return address;
    }

    /** The page mask of the last successful {@link #translate}: 0xFFF, 0x1FFFFF or 0x3FFFFFFF. */
    public long pageMask() {
        return pageMask;
    }

    /** The rights of the last successful {@link #translate}: R in bit 0, W in bit 1. */
    public int rights() {
        return rights;
    }

    private int walk(int sid, long requestAddress, boolean write, long lo, long hi, boolean fpd, int did) {
        int top = ContextEntry.levels(hi);
        long table = ContextEntry.secondLevelPointer(lo);
        int accumulated = SlPte.READ | SlPte.WRITE;
        for (int level = top; ; level--) {
            long offset = (long) SlPte.index(requestAddress, level) * 8;
            if (!memory.contains(table, offset)) {
                return fault(sid, level == top ? 0x3 : 0x7, requestAddress, write, fpd);
            }
            long pte = memory.read(table + offset);
            if (SlPte.rights(pte) == 0) {
                return fault(sid, write ? 0x5 : 0x6, requestAddress, write, fpd);
            }
            if (SlPte.reservedSet(pte, level, aw, superpages)) {
                return fault(sid, 0xC, requestAddress, write, fpd);
            }
            accumulated &= SlPte.rights(pte);
            if (SlPte.leaf(pte, level)) {
                long mask = (1L << SlPte.shift(level)) - 1;
                long base = SlPte.address(pte, hawMask);
                int status = complete(sid, requestAddress, write, base, accumulated, mask, fpd);
                if (status == TRANSLATED) {
                    iotlb.insert(sid, requestAddress, level, base | accumulated, did);
                }
                return status;
            }
            table = SlPte.address(pte, hawMask);
        }
    }

    /** Steps 7–9 of the contract for a leaf (fresh or cached). */
    private int complete(int sid, long requestAddress, boolean write, long base, int leafRights, long mask,
                         boolean fpd) {
        if ((leafRights & (write ? SlPte.WRITE : SlPte.READ)) == 0) {
            return fault(sid, write ? 0x5 : 0x6, requestAddress, write, fpd);
        }
        long translated = base | (requestAddress & mask);
        if (Operation.inInterruptWindow(translated)) {
            return fault(sid, 0xE, requestAddress, write, fpd);
        }
        address = translated;
        pageMask = mask;
        rights = leafRights;
        return TRANSLATED;
    }

    private int identity(long requestAddress) {
        address = requestAddress;
        pageMask = PAGE_MASK_4K;
        rights = SlPte.READ | SlPte.WRITE;
        return TRANSLATED;
    }

    private int fault(int sid, int code, long requestAddress, boolean write, boolean fpd) {
        if (!(fpd && FaultCodes.qualified(code))) {
            faults.record(sid, FaultCodes.reason(code), requestAddress & ~PAGE_MASK_4K,
                    write ? Access.WRITE : Access.READ);
        }
        return code;
    }
}
