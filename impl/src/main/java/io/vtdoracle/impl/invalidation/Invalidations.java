package io.vtdoracle.impl.invalidation;

import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.listener.Listeners;

/**
 * The invalidations both interfaces (CCMD/IOTLB registers and the invalidation queue) perform (contract §6): the
 * caches are invalidated, then the listeners are brought up to date (contract §7.3, §7.5).
 */
public final class Invalidations {

    private final ContextCache contextCache;
    private final Iotlb iotlb;
    private final Listeners listeners;

    public Invalidations(ContextCache contextCache, Iotlb iotlb, Listeners listeners) {
        this.contextCache = contextCache;
        this.iotlb = iotlb;
        this.listeners = listeners;
    }

    public void contextGlobal() {
        contextCache.invalidateAll();
        listeners.contextInvalidatedAll();
    }

    public void contextDomain(int did) {
        contextCache.invalidateDomain(did);
        listeners.contextInvalidatedDomain(did);
    }

    /**
     * Device-selective: {@code sid}, with the function-mask FM ignoring function bit 2 (FM 1), bits 2:1 (FM 2) or
     * bits 2:0 (FM 3) of the source-id (§10.4.7).
     */
    public void contextDevice(int sid, int functionMask) {
        int ignored = (0x7 << (3 - functionMask)) & 0x7;
        contextCache.invalidateDevices(sid, ignored);
        listeners.contextInvalidatedDevices(sid, ignored);
    }

    /**
     * An IOTLB invalidation by its granularity, encoded alike in IOTLB_REG.IIRG and the descriptor's G field:
     * 1 global, 2 domain {@code did}, 3 the 2^{@code am} pages at {@code address}; anything else does nothing.
     */
    public void iotlb(int granularity, int did, long address, int am) {
        switch (granularity) {
            case 1:
                iotlbGlobal();
                break;
            case 2:
                iotlbDomain(did);
                break;
            case 3:
                iotlbPages(did, address, am);
                break;
            default:
                break;
        }
    }

    public void iotlbGlobal() {
        iotlb.clear();
        listeners.iotlbInvalidated(true, -1, 0, -1L);
    }

    public void iotlbDomain(int did) {
        iotlb.invalidateDomain(did);
        listeners.iotlbInvalidated(false, did, 0, -1L);
    }

    /** Page-selective: the 2^am pages containing {@code address}, aligned down to their size. */
    public void iotlbPages(int did, long address, int am) {
        long first = 0;
        long last = -1L;
        if (12 + am < 64) {
            long size = 1L << (12 + am);
            first = address & -size;
            last = first + size - 1;
        }
        iotlb.invalidateRange(did, first, last);
        listeners.iotlbInvalidated(false, did, first, last);
    }

    /** Device-TLB invalidation of {@code first..last} for {@code sid}. */
    public void deviceTlb(int sid, long first, long last) {
        listeners.deviceTlbInvalidated(sid, first, last);
    }
}
