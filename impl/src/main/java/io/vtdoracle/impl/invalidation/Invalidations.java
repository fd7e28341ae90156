package io.vtdoracle.impl.invalidation;

import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.cache.IotlbTag;
import io.vtdoracle.impl.cache.PasidCache;
import io.vtdoracle.impl.listener.Listeners;
import io.vtdoracle.impl.state.RemappingState;

/**
 * The invalidations both interfaces (CCMD/IOTLB registers and the invalidation queue) perform (contract §6, §9.8):
 * the caches are invalidated, then the listeners are brought up to date (contract §7.3, §7.5, §9.10). An
 * invalidation acts on the entries it covers in every cache, whatever the mode they were filled in (contract §9.9).
 */
public final class Invalidations {

    private final ContextCache contextCache;
    private final ContextCache scalableContexts;
    private final PasidCache pasidCache;
    private final Iotlb iotlb;
    private final Listeners listeners;
    private final RemappingState state;

    public Invalidations(ContextCache contextCache, ContextCache scalableContexts, PasidCache pasidCache, Iotlb iotlb,
                         Listeners listeners, RemappingState state) {
        this.contextCache = contextCache;
        this.scalableContexts = scalableContexts;
        this.pasidCache = pasidCache;
        this.iotlb = iotlb;
        this.listeners = listeners;
        this.state = state;
    }

    public void contextGlobal() {
        contextCache.invalidateAll();
        scalableContexts.invalidateAll();
        listeners.contextInvalidatedAll();
    }

    /**
     * Domain-selective: legacy context entries with {@code did}. A scalable-mode context entry has no DID
     * (§6.5.2.1): they are all removed here, and in scalable mode every device with listeners is switched
     * (contract §9.10).
     */
    public void contextDomain(int did) {
        contextCache.invalidateDomain(did);
        scalableContexts.invalidateAll();
        if (state.tableMode() == 1) {
            listeners.contextInvalidatedAll();
        } else {
            listeners.contextInvalidatedDomain(did);
        }
    }

    /**
     * Device-selective: {@code sid}, with the function-mask FM ignoring function bit 2 (FM 1), bits 2:1 (FM 2) or
     * bits 2:0 (FM 3) of the source-id (§10.4.7).
     */
    public void contextDevice(int sid, int functionMask) {
        int ignored = (0x7 << (3 - functionMask)) & 0x7;
        contextCache.invalidateDevices(sid, ignored);
        scalableContexts.invalidateDevices(sid, ignored);
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
        iotlb.invalidateRange(did, 0, -1L);
        listeners.iotlbInvalidated(false, did, 0, -1L);
    }

    /**
     * Page-selective: the 2^am pages containing {@code address}, aligned down to their size; first-stage entries of
     * the domain whatever their page (§6.5.2.3).
     */
    public void iotlbPages(int did, long address, int am) {
        long first = first(address, am);
        long last = last(address, am);
        iotlb.invalidateRange(did, first, last);
        iotlb.invalidateTagged(IotlbTag.KIND | IotlbTag.DID, IotlbTag.FIRST_STAGE | did, 0, -1L);
        listeners.iotlbInvalidated(false, did, first, last);
    }

    /**
     * P_IOTLB PASID-selective (§6.5.2.4): the first-stage and pass-through entries of {@code did} and {@code pasid}
     * (second-stage ones are not said to be covered). No listener is told (contract §9.10).
     */
    public void pasidIotlb(int did, int pasid) {
        long domainAndPasid = IotlbTag.domainAndPasid(did, pasid);
        long mask = IotlbTag.KIND | IotlbTag.DID | IotlbTag.PASID;
        iotlb.invalidateTagged(mask, IotlbTag.FIRST_STAGE | domainAndPasid, 0, -1L);
        iotlb.invalidateTagged(mask, IotlbTag.PASS_THROUGH | domainAndPasid, 0, -1L);
    }

    /** P_IOTLB page-selective-within-PASID: the first-stage entries of {@code did} and {@code pasid} in the pages. */
    public void pasidIotlbPages(int did, int pasid, long address, int am) {
        iotlb.invalidateTagged(IotlbTag.KIND | IotlbTag.DID | IotlbTag.PASID,
                IotlbTag.FIRST_STAGE | IotlbTag.domainAndPasid(did, pasid), first(address, am), last(address, am));
    }

    /**
     * PASID-cache invalidation (§6.5.2.2) by its descriptor's G: 0 domain-selective ({@code did}), 1
     * PASID-selective within the domain, 3 global; then the scalable-mode domain switch (contract §9.10).
     */
    public void pasidCache(int granularity, int did, int pasid) {
        switch (granularity) {
            case 0:
                pasidCache.invalidateDomain(did);
                break;
            case 1:
                pasidCache.invalidatePasid(did, pasid);
                break;
            default:
                pasidCache.invalidateAll();
                break;
        }
        listeners.pasidCacheInvalidated(granularity == 3, did, granularity == 1 ? pasid : -1);
    }

    /** Device-TLB invalidation of {@code first..last} for {@code sid}. */
    public void deviceTlb(int sid, long first, long last) {
        listeners.deviceTlbInvalidated(sid, first, last);
    }

    /** The first byte of the 2^am pages containing {@code address}. */
    private static long first(long address, int am) {
        return 12 + am < 64 ? address & -(1L << (12 + am)) : 0;
    }

    /** The last byte of the 2^am pages containing {@code address}. */
    private static long last(long address, int am) {
        return 12 + am < 64 ? first(address, am) + (1L << (12 + am)) - 1 : -1L;
    }
}
