package io.vtdoracle.model.cache;

import io.vavr.collection.List;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;
import io.vtdoracle.model.invalidation.PasidIotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;
import io.vtdoracle.model.roottable.ScalableContextEntry;

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
 * @param scalable     the scalable-mode caches (§6.2.1 – §6.2.3, contract §9.9)
 */
public record Caches(ContextCache contextCache, TaggedPages<Leaf> iotlb, TaggedPages<FaultReason> iotlbFaults,
                     ScalableCaches scalable) {

    private static final long PAGE_MASK = 0xFFF;

    public static Caches empty() {
        return new Caches(ContextCache.empty(), TaggedPages.empty(), TaggedPages.empty(), ScalableCaches.empty());
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
        } else if (entry instanceof CachedScalableContext context) {
            return withScalable(scalable.with(context));
        } else if (entry instanceof CachedPasidEntry pasidEntry) {
            return withScalable(scalable.with(pasidEntry));
        } else if (entry instanceof ScalableIotlbEntry translation) {
            return withScalable(scalable.with(translation));
        }
        CachedPageFault fault = (CachedPageFault) entry;
        return withPageFault(fault.source(), fault.domainId(), fault.page(), fault.reason());
    }

    /** §6.2.2: after a request of {@code source} read this valid context entry. */
    public Caches withContext(SourceId source, ContextEntry entry) {
        return new Caches(contextCache.withEntry(source, entry), iotlb, iotlbFaults, scalable);
    }

    /** §6.2.4: after a request of {@code source} was translated by {@code leaf} under domain {@code domainId}. */
    public Caches withTranslation(SourceId source, int domainId, Leaf leaf) {
        return new Caches(contextCache, iotlb.with(source, domainId, leaf.iova(), leaf.pageMask(), leaf),
                iotlbFaults, scalable);
    }

    /** §6.1, caching mode: after a request of {@code source} faulted on its root or context entry. */
    public Caches withContextFault(SourceId source, ContextFault fault) {
        return new Caches(contextCache.withFault(source, fault), iotlb, iotlbFaults, scalable);
    }

    /** §6.1, caching mode: after a request of {@code source} to {@code address} faulted in its translation. */
    public Caches withPageFault(SourceId source, int domainId, long address, FaultReason reason) {
        return new Caches(contextCache, iotlb,
                iotlbFaults.with(source, domainId, address & ~PAGE_MASK, PAGE_MASK, reason), scalable);
    }

    private Caches withScalable(ScalableCaches value) {
        return new Caches(contextCache, iotlb, iotlbFaults, value);
    }

    // ---- lookups ----

    /** The scalable-mode context entries a request of {@code source} may find (§6.2.1). */
    public List<ScalableContextEntry> scalableContextsOf(SourceId source) {
        return scalable.contextsOf(source).toList();
    }

    /** The PASID-cache entries a request of {@code source} through {@code pasid} may find (§6.2.2). */
    public List<CachedPasidEntry> pasidEntriesOf(SourceId source, int pasid) {
        return scalable.pasidCache().entriesOf(source, pasid).toList();
    }

    /** The scalable-mode translations a request of {@code source} may find through {@code pasid} under {@code did}. */
    public List<CachedTranslation> scalableTranslationsOf(SourceId source, int did, int pasid, long address) {
        return scalable.iotlb().lookup(source, did, pasid, address);
    }

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
                && iotlbFaults.holdsAllOf(other.iotlbFaults) && scalable.holdsAllOf(other.scalable);
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
     * covers; the scalable-mode context entries as {@link ScalableCaches#invalidate(ContextInvalidation)}. The
     * IOTLB is untouched (software follows with an IOTLB invalidation).
     */
    public Caches invalidate(ContextInvalidation invalidation) {
        return new Caches(contextCache.invalidate(invalidation), iotlb, iotlbFaults, scalable.invalidate(invalidation));
    }

    /**
     * The caches after an IOTLB invalidation (§6.5.1.2): global removes every entry; domain-selective the
     * entries of its DID; page-selective the entries of its DID whose page meets the invalidated range of 2^AM
     * pages (a superpage entry meeting it is removed whole); the scalable-mode IOTLB as
     * {@link ScalableIotlb#invalidate(IotlbInvalidation)}. The context caches are untouched.
     */
    public Caches invalidate(IotlbInvalidation invalidation) {
        if (invalidation instanceof IotlbInvalidation.Global) {
            return new Caches(contextCache, TaggedPages.empty(), TaggedPages.empty(), scalable.invalidate(invalidation));
        } else if (invalidation instanceof IotlbInvalidation.Domain domain) {
            return new Caches(contextCache, iotlb.withoutDomain(domain.did()), iotlbFaults.withoutDomain(domain.did()),
                    scalable.invalidate(invalidation));
        }
        IotlbInvalidation.Page page = (IotlbInvalidation.Page) invalidation;
        return new Caches(contextCache, iotlb.withoutRange(page.did(), page.first(), page.rangeBits()),
                iotlbFaults.withoutRange(page.did(), page.first(), page.rangeBits()), scalable.invalidate(invalidation));
    }

    /** §6.5.2.4: a P_IOTLB acts on the scalable-mode IOTLB only. */
    public Caches invalidate(PasidIotlbInvalidation invalidation) {
        return withScalable(scalable.invalidate(invalidation));
    }

    /** §6.5.2.2: a PASID-cache invalidation acts on the PASID cache only. */
    public Caches invalidate(PasidCacheInvalidation invalidation) {
        return withScalable(scalable.invalidate(invalidation));
    }
}
