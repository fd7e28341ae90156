package io.vtdoracle.model.cache;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;

/**
 * The context-cache (§6.2.2): context entries that requests read, tagged with the requester's source-id and the
 * entry's domain-id; with caching mode also the not-present and erroneous entries of §6.1, which carry DID 0.
 * Looked up by source-id, invalidated by source-id (device-selective, at most 8 with the function mask) or by
 * domain-id: each costs O(log n) in the entries held, plus what it removes.
 *
 * @param entries  the valid context entries each source-id's requests read; never an empty set
 * @param byDomain the source-ids holding an entry of each domain-id, for domain-selective invalidation; derived
 * @param faults   with caching mode, the root and context faults each source-id's requests met; never empty
 */
public record ContextCache(Map<SourceId, Set<ContextEntry>> entries, Map<Integer, Set<SourceId>> byDomain,
                           Map<SourceId, Set<ContextFault>> faults) {

    /** §6.1: the domain-id that tags cached not-present and erroneous context entries under caching mode. */
    private static final int FAULT_DOMAIN = 0;

    public static ContextCache empty() {
        return new ContextCache(HashMap.empty(), HashMap.empty(), HashMap.empty());
    }

    /** After a request of {@code source} read this valid context entry. */
    public ContextCache withEntry(SourceId source, ContextEntry entry) {
        int did = entry.domainId();
        return new ContextCache(entries.put(source, entriesOf(source).add(entry)),
                byDomain.put(did, byDomain.get(did).getOrElse(HashSet::empty).add(source)), faults);
    }

    /** With caching mode, after a request of {@code source} faulted on its root or context entry. */
    public ContextCache withFault(SourceId source, ContextFault fault) {
        return new ContextCache(entries, byDomain, faults.put(source, faultsOf(source).add(fault)));
    }

    /** The context entries a request of {@code source} may find, in the order they were filled. */
    public Set<ContextEntry> entriesOf(SourceId source) {
        return entries.get(source).getOrElse(LinkedHashSet::empty);
    }

    /** The root and context faults a request of {@code source} may find, in the order they were filled. */
    public Set<ContextFault> faultsOf(SourceId source) {
        return faults.get(source).getOrElse(LinkedHashSet::empty);
    }

    /** Whether this cache holds every entry {@code other} holds. */
    public boolean holdsAllOf(ContextCache other) {
        return this == other || other.entries.forAll(held -> entriesOf(held._1).containsAll(held._2))
                && other.faults.forAll(held -> faultsOf(held._1).containsAll(held._2));
    }

    /**
     * After a context-cache invalidation (§6.5.1.1): global removes every entry; domain-selective those with its
     * DID (cached faults have DID 0); device-selective those of the source-ids it covers.
     */
    public ContextCache invalidate(ContextInvalidation invalidation) {
        if (invalidation instanceof ContextInvalidation.Global) {
            return empty();
        } else if (invalidation instanceof ContextInvalidation.Domain domain) {
            int did = domain.did();
            ContextCache kept = byDomain.get(did).getOrElse(HashSet::empty)
                    .foldLeft(this, (cache, source) -> cache.without(source, entry -> entry.domainId() == did));
            return did == FAULT_DOMAIN ? new ContextCache(kept.entries, kept.byDomain, HashMap.empty()) : kept;
        } else {
            List<SourceId> covered = ((ContextInvalidation.Device) invalidation).covered();
            ContextCache kept = covered.foldLeft(this, (cache, source) -> cache.without(source, entry -> true));
            return new ContextCache(kept.entries, kept.byDomain, faults.removeAll(covered));
        }
    }

    /** Without the entries of {@code source} that {@code removed} selects. */
    private ContextCache without(SourceId source, java.util.function.Predicate<ContextEntry> removed) {
        Set<ContextEntry> held = entriesOf(source);
        Set<ContextEntry> gone = held.filter(removed);
        Set<ContextEntry> rest = held.removeAll(gone);
        Map<Integer, Set<SourceId>> domains = gone.map(ContextEntry::domainId)
                .filter(did -> !rest.exists(entry -> entry.domainId() == did))
                .foldLeft(byDomain, (all, did) -> {
                    Set<SourceId> sources = all.get(did).get().remove(source);
                    return sources.isEmpty() ? all.remove(did) : all.put(did, sources);
                });
        return new ContextCache(rest.isEmpty() ? entries.remove(source) : entries.put(source, rest), domains,
                faults);
    }
}
