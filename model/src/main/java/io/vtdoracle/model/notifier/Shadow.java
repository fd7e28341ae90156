package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * The pieces a MAP listener has been told and not since told to unmap (contract §7.3), by IOVA. They never
 * overlap: the events that built them apply to a VFIO type1 container without failure.
 */
public record Shadow(TreeMap<Long, ShadowEntry> entries) {

    public static Shadow empty() {
        return new Shadow(TreeMap.empty(Long::compareUnsigned));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many pieces it holds. */
    public int size() {
        return entries.size();
    }

    /** The span of the leaf whose pieces hold {@code address}, if it holds any of it. */
    public Option<IovaRange> leafAt(long address) {
        return entries.values().find(entry -> entry.leaf().contains(address)).map(ShadowEntry::leaf);
    }

    /** The entries in ascending IOVA order. */
    public List<ShadowEntry> all() {
        return entries.values().toList();
    }

    /** The entries whose piece meets {@code range}. */
    public List<ShadowEntry> meeting(IovaRange range) {
        return all().filter(entry -> entry.piece().span().meets(range));
    }

    /** Whether some piece was found through a context entry with this domain-id. */
    public boolean holdsDomain(int domain) {
        return entries.values().exists(entry -> entry.domain() == domain);
    }

    /** This shadow with {@code removed} taken out and {@code added} put in. */
    public Shadow replace(Seq<ShadowEntry> removed, Seq<ShadowEntry> added) {
        TreeMap<Long, ShadowEntry> after = entries.removeAll(removed.map(entry -> entry.piece().iova()));
        for (ShadowEntry entry : added) {
            after = after.put(entry.piece().iova(), entry);
        }
        return new Shadow(after);
    }
}
