package io.vtdoracle.model.cache;

import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;

/**
 * What the context cache and the IOTLB may hold (§6.1, §6.2, contract §3.1): every entry a real unit could still
 * have, since it was filled by a request and no invalidation covering it has happened since. A unit need not hold
 * any of them; paging-structure (non-leaf) caches are not admitted. Sets keep insertion order, so alternatives
 * built from them come in a stable order.
 *
 * @param contexts      context-cache entries of valid context entries
 * @param iotlb         IOTLB entries of successful translations
 * @param contextFaults with caching mode, root and context faults held in the context cache
 * @param pageFaults    with caching mode, faulting translations held in the IOTLB
 */
public record Caches(Set<CachedContext> contexts, Set<IotlbEntry> iotlb, Set<CachedContextFault> contextFaults,
                     Set<CachedPageFault> pageFaults) {

    /** §6.1: the domain-id that tags cached not-present and erroneous context entries under caching mode. */
    private static final int FAULT_DOMAIN = 0;

    public static Caches empty() {
        return new Caches(LinkedHashSet.empty(), LinkedHashSet.empty(), LinkedHashSet.empty(), LinkedHashSet.empty());
    }

    // ---- fills ----

    /** §6.2.2: after a request of {@code source} read this valid context entry. */
    public Caches withContext(SourceId source, ContextEntry entry) {
        return new Caches(contexts.add(new CachedContext(source, entry)), iotlb, contextFaults, pageFaults);
    }

    /** §6.2.4: after a request of {@code source} was translated by {@code leaf} under domain {@code domainId}. */
    public Caches withTranslation(SourceId source, int domainId, Leaf leaf) {
        return new Caches(contexts, iotlb.add(new IotlbEntry(source, domainId, leaf)), contextFaults, pageFaults);
    }

    /** §6.1, caching mode: after a request of {@code source} faulted on its root or context entry. */
    public Caches withContextFault(SourceId source, ContextFault fault) {
        return new Caches(contexts, iotlb, contextFaults.add(new CachedContextFault(source, fault)), pageFaults);
    }

    /** §6.1, caching mode: after a request of {@code source} to {@code address} faulted in its translation. */
    public Caches withPageFault(SourceId source, int domainId, long address, FaultReason reason) {
        return new Caches(contexts, iotlb, contextFaults,
                pageFaults.add(new CachedPageFault(source, domainId, address & ~0xFFFL, reason)));
    }

    /** Everything either may hold: after a step whose alternatives filled the caches differently. */
    public Caches merge(Caches other) {
        return new Caches(contexts.addAll(other.contexts), iotlb.addAll(other.iotlb),
                contextFaults.addAll(other.contextFaults), pageFaults.addAll(other.pageFaults));
    }

    // ---- lookups ----

    /** The context entries a request of {@code source} may find in the context cache. */
    public List<ContextEntry> contextsOf(SourceId source) {
        return contexts.filter(cached -> cached.source().equals(source)).map(CachedContext::entry).toList();
    }

    /** The root and context faults a request of {@code source} may find in the context cache. */
    public List<ContextFault> contextFaultsOf(SourceId source) {
        return contextFaults.filter(cached -> cached.source().equals(source)).map(CachedContextFault::fault)
                .toList();
    }

    /** The leaves a request of {@code source} to {@code address} may find in the IOTLB under {@code domainId}. */
    public List<Leaf> translationsOf(SourceId source, int domainId, long address) {
        return iotlb.filter(entry -> entry.source().equals(source) && entry.domainId() == domainId
                && entry.leaf().contains(address)).map(IotlbEntry::leaf).toList();
    }

    /** The faults a request of {@code source} to {@code address} may find in the IOTLB under {@code domainId}. */
    public List<FaultReason> pageFaultsOf(SourceId source, int domainId, long address) {
        return pageFaults.filter(fault -> fault.source().equals(source) && fault.domainId() == domainId
                && fault.page() == (address & ~0xFFFL)).map(CachedPageFault::reason).toList();
    }

    // ---- invalidations ----

    /**
     * The caches after a context-cache invalidation (§6.5.1.1): global removes every context-cache entry;
     * domain-selective those with its DID (cached faults have DID 0); device-selective those of the source-ids it
     * covers. The IOTLB is untouched (software follows with an IOTLB invalidation).
     */
    public Caches invalidate(ContextInvalidation invalidation) {
        if (invalidation instanceof ContextInvalidation.Global) {
            return new Caches(LinkedHashSet.empty(), iotlb, LinkedHashSet.empty(), pageFaults);
        } else if (invalidation instanceof ContextInvalidation.Domain domain) {
            return new Caches(contexts.reject(cached -> cached.entry().domainId() == domain.did()), iotlb,
                    domain.did() == FAULT_DOMAIN ? LinkedHashSet.empty() : contextFaults, pageFaults);
        } else {
            ContextInvalidation.Device device = (ContextInvalidation.Device) invalidation;
            return new Caches(contexts.reject(cached -> device.covers(cached.source())), iotlb,
                    contextFaults.reject(cached -> device.covers(cached.source())), pageFaults);
        }
    }

    /**
     * The caches after an IOTLB invalidation (§6.5.1.2): global removes every entry; domain-selective the
     * entries of its DID; page-selective the entries of its DID whose page meets the invalidated range (a
     * superpage entry meeting it is removed whole). The context cache is untouched.
     */
    public Caches invalidate(IotlbInvalidation invalidation) {
        if (invalidation instanceof IotlbInvalidation.Global) {
            return new Caches(contexts, LinkedHashSet.empty(), contextFaults, LinkedHashSet.empty());
        } else if (invalidation instanceof IotlbInvalidation.Domain domain) {
            return new Caches(contexts, iotlb.reject(entry -> entry.domainId() == domain.did()), contextFaults,
                    pageFaults.reject(fault -> fault.domainId() == domain.did()));
        } else {
            IotlbInvalidation.Page page = (IotlbInvalidation.Page) invalidation;
            return new Caches(contexts,
                    iotlb.reject(entry -> entry.domainId() == page.did()
                            && meets(page, entry.leaf().iova(), entry.leaf().pageMask())),
                    contextFaults,
                    pageFaults.reject(fault -> fault.domainId() == page.did() && meets(page, fault.page(), 0xFFF)));
        }
    }

    /**
     * Whether the naturally aligned block {@code base..base+mask} meets the 2^AM pages of {@code page}: two
     * aligned power-of-two blocks meet exactly when they agree above the larger one's offset bits.
     */
    private static boolean meets(IotlbInvalidation.Page page, long base, long mask) {
        int rangeBits = 12 + page.addressMask();
        long rangeMask = rangeBits >= 64 ? -1L : (1L << rangeBits) - 1;
        return ((page.address() ^ base) & ~(rangeMask | mask)) == 0;
    }
}
