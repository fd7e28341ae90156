package io.vtdoracle.model.cache;

import io.vavr.collection.List;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;

/**
 * What the context-cache and the IOTLB may hold (§6.1, §6.2, contract §3.1): every entry a real unit could still
 * have, since it was filled by a request and no invalidation covering it has happened since. A unit need not hold
 * any of them; paging-structure (non-leaf) caches are not admitted. Each structure is keyed for the lookups and
 * invalidations the specification makes, so a fill, a lookup or an invalidation costs O(log n) in what is held
 * (plus what an invalidation removes); entries of one tag keep the order they were filled in, so alternatives
 * built from them come in a stable order.
 *
 * @param contextCache context-cache entries, with caching mode also root and context faults (§6.2.2)
 * @param iotlb        IOTLB entries of successful translations (§6.2.4)
 * @param iotlbFaults  with caching mode, faulting translations held in the IOTLB (§6.1), as 4 KiB pages
 */
public record Caches(ContextCache contextCache, TaggedPages<Leaf> iotlb, TaggedPages<FaultReason> iotlbFaults) {

    private static final long PAGE_MASK = 0xFFF;

    public static Caches empty() {
        return new Caches(ContextCache.empty(), TaggedPages.empty(), TaggedPages.empty());
    }

    // ---- fills ----

    /** After a request filled {@code entry}: §6.2.2 a context entry read, §6.2.4 a leaf walked, §6.1 a fault. */
    public Caches with(CacheEntry entry) {
        if (entry instanceof CachedContext context) {
            return withContext(context.source(), context.entry());
        } else if (entry instanceof CachedContextFault fault) {
            return withContextFault(fault.source(), fault.fault());
        } else if (entry instanceof IotlbEntry translation) {
            return withTranslation(translation.source(), translation.domainId(), translation.leaf());
        }
        CachedPageFault fault = (CachedPageFault) entry;
        return withPageFault(fault.source(), fault.domainId(), fault.page(), fault.reason());
    }

    /** §6.2.2: after a request of {@code source} read this valid context entry. */
    public Caches withContext(SourceId source, ContextEntry entry) {
        return new Caches(contextCache.withEntry(source, entry), iotlb, iotlbFaults);
    }

    /** §6.2.4: after a request of {@code source} was translated by {@code leaf} under domain {@code domainId}. */
    public Caches withTranslation(SourceId source, int domainId, Leaf leaf) {
        return new Caches(contextCache, iotlb.with(source, domainId, leaf.iova(), leaf.pageMask(), leaf),
                iotlbFaults);
    }

    /** §6.1, caching mode: after a request of {@code source} faulted on its root or context entry. */
    public Caches withContextFault(SourceId source, ContextFault fault) {
        return new Caches(contextCache.withFault(source, fault), iotlb, iotlbFaults);
    }

    /** §6.1, caching mode: after a request of {@code source} to {@code address} faulted in its translation. */
    public Caches withPageFault(SourceId source, int domainId, long address, FaultReason reason) {
        return new Caches(contextCache, iotlb,
                iotlbFaults.with(source, domainId, address & ~PAGE_MASK, PAGE_MASK, reason));
    }

    // ---- lookups ----

    /** The context entries a request of {@code source} may find in the context cache. */
    public List<ContextEntry> contextsOf(SourceId source) {
        return contextCache.entriesOf(source).toList();
    }

    /** The root and context faults a request of {@code source} may find in the context cache. */
    public List<ContextFault> contextFaultsOf(SourceId source) {
        return contextCache.faultsOf(source).toList();
    }

    /** The leaves a request of {@code source} to {@code address} may find in the IOTLB under {@code domainId}. */
    public List<Leaf> translationsOf(SourceId source, int domainId, long address) {
        return iotlb.lookup(source, domainId, address);
    }

    /** The faults a request of {@code source} to {@code address} may find in the IOTLB under {@code domainId}. */
    public List<FaultReason> pageFaultsOf(SourceId source, int domainId, long address) {
        return iotlbFaults.lookup(source, domainId, address);
    }

    /** Whether these caches hold every entry {@code other} holds (so they admit every behaviour it does). */
    public boolean holdsAllOf(Caches other) {
        return this == other || contextCache.holdsAllOf(other.contextCache) && iotlb.holdsAllOf(other.iotlb)
                && iotlbFaults.holdsAllOf(other.iotlbFaults);
    }

    // ---- everything held, for reports and tests ----

    public List<IotlbEntry> translations() {
        return iotlb.entries((source, page, leaf) -> new IotlbEntry(source, page.did(), leaf));
    }

    public List<CachedPageFault> pageFaults() {
        return iotlbFaults.entries((source, page, reason) -> new CachedPageFault(source, page.did(), page.base(),
                reason));
    }

    // ---- invalidations ----

    /**
     * The caches after a context-cache invalidation (§6.5.1.1): global removes every context-cache entry;
     * domain-selective those with its DID (cached faults have DID 0); device-selective those of the source-ids it
     * covers. The IOTLB is untouched (software follows with an IOTLB invalidation).
     */
    public Caches invalidate(ContextInvalidation invalidation) {
        return new Caches(contextCache.invalidate(invalidation), iotlb, iotlbFaults);
    }

    /**
     * The caches after an IOTLB invalidation (§6.5.1.2): global removes every entry; domain-selective the
     * entries of its DID; page-selective the entries of its DID whose page meets the invalidated range of 2^AM
     * pages (a superpage entry meeting it is removed whole). The context cache is untouched.
     */
    public Caches invalidate(IotlbInvalidation invalidation) {
        if (invalidation instanceof IotlbInvalidation.Global) {
            return new Caches(contextCache, TaggedPages.empty(), TaggedPages.empty());
        } else if (invalidation instanceof IotlbInvalidation.Domain domain) {
            return new Caches(contextCache, iotlb.withoutDomain(domain.did()), iotlbFaults.withoutDomain(domain.did()));
        }
        IotlbInvalidation.Page page = (IotlbInvalidation.Page) invalidation;
        int rangeBits = Math.min(64, 12 + page.addressMask());
        long first = rangeBits == 64 ? 0 : page.address() & -(1L << rangeBits);
        return new Caches(contextCache, iotlb.withoutRange(page.did(), first, rangeBits),
                iotlbFaults.withoutRange(page.did(), first, rangeBits));
    }
}
