package io.vtdoracle.model.cache;

import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;

/**
 * The PASID cache (§6.2.2, contract §9.9): PASID-table entries requests reached, tagged by the requester's
 * source-id, the PASID and the entry's domain-id. Looked up by source-id and PASID, invalidated by domain-id (and
 * PASID) through an index of the tags holding each domain-id: each costs O(log n) plus what it removes.
 *
 * @param entries  the entries of each tag; never an empty set
 * @param byDomain the tags holding an entry of each domain-id; derived, never an empty set
 */
public record PasidCache(Map<Tag, Set<CachedPasidEntry>> entries, Map<Integer, Set<Tag>> byDomain) {

    /** The requester and the PASID a cached entry was reached for. */
    public record Tag(SourceId source, int pasid) {
    }

    public static PasidCache empty() {
        return new PasidCache(HashMap.empty(), HashMap.empty());
    }

    public PasidCache with(CachedPasidEntry entry) {
        Tag tag = new Tag(entry.source(), entry.pasid());
        int did = entry.entry().domainId();
        return new PasidCache(entries.put(tag, entriesOf(tag).add(entry)),
                byDomain.put(did, byDomain.get(did).getOrElse(HashSet::empty).add(tag)));
    }

    /** The entries a request of {@code source} through {@code pasid} may find, in the order they were filled. */
    public Set<CachedPasidEntry> entriesOf(SourceId source, int pasid) {
        return entriesOf(new Tag(source, pasid));
    }

    private Set<CachedPasidEntry> entriesOf(Tag tag) {
        return entries.get(tag).getOrElse(LinkedHashSet::empty);
    }

    public boolean holdsAllOf(PasidCache other) {
        return this == other || other.entries.forAll(held -> entriesOf(held._1).containsAll(held._2));
    }

    /**
     * §6.5.2.2: global removes every entry; domain-selective those with its domain-id; PASID-selective those with
     * its domain-id and PASID.
     */
    public PasidCache invalidate(PasidCacheInvalidation invalidation) {
        if (invalidation instanceof PasidCacheInvalidation.Domain domain) {
            return without(domain.did(), tag -> true);
        } else if (invalidation instanceof PasidCacheInvalidation.Pasid pasid) {
            return without(pasid.did(), tag -> tag.pasid() == pasid.pasid());
        }
        return empty();
    }

    /** Without the entries of domain {@code did} whose tag {@code selected} accepts. */
    private PasidCache without(int did, java.util.function.Predicate<Tag> selected) {
        List<Tag> tags = byDomain.get(did).getOrElse(HashSet::empty).filter(selected).toList();
        Map<Tag, Set<CachedPasidEntry>> kept = tags.foldLeft(entries, (all, tag) -> {
            Set<CachedPasidEntry> rest = all.get(tag).get().filter(entry -> entry.entry().domainId() != did);
            return rest.isEmpty() ? all.remove(tag) : all.put(tag, rest);
        });
        Set<Tag> remaining = byDomain.get(did).getOrElse(HashSet::empty).removeAll(tags);
        return new PasidCache(kept, remaining.isEmpty() ? byDomain.remove(did) : byDomain.put(did, remaining));
    }
}
