package io.vtdoracle.model.cache;

import io.vavr.Function3;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.paging.PageWalk;

/**
 * IOTLB entries of one kind (§6.2.4), tagged as the IOTLB tags them: by the domain-id of the context entry they
 * were filled under, by the naturally aligned page they map (4 KiB, 2 MiB or 1 GiB) and by the source-id whose
 * request filled them. A tag holds every value a unit may cache for it (a stale and a fresh translation of one
 * page can both be cached). Every operation costs O(log n) in the entries held, plus what an invalidation
 * removes:
 * <ul>
 *   <li>a lookup of an address reads the three tags that can contain it, one per page size (§3.7);</li>
 *   <li>each domain's pages are also listed under the naturally aligned blocks of 2^21, 2^30, ... 2^57 bytes
 *   that contain them and under the whole address space, so a page-selective invalidation of 2^AM pages reads at
 *   most 256 blocks, and a domain-selective one reads one (§6.5.1.2).</li>
 * </ul>
 *
 * @param values  what each tag holds, by the source-id that filled it; never an empty map or set
 * @param byBlock the tags of each block, for invalidations; derived from {@code values}
 * @param <V>     what an entry holds: a leaf translation, or with caching mode the reason of a faulting one
 */
public record TaggedPages<V>(Map<Page, Map<SourceId, Set<V>>> values, Map<Block, Set<Page>> byBlock) {

    /** §3.7: the offset masks of second-level leaves (levels 1 to 3: 4 KiB, 2 MiB, 1 GiB). */
    private static final List<Long> LEAF_MASKS = List.of(PageWalk.pageMask(1), PageWalk.pageMask(2),
            PageWalk.pageMask(3));

    /** The block sizes (bit counts) pages are listed under: one per table level above 4 KiB, and everything. */
    private static final List<Integer> BLOCK_BITS = List.of(21, 30, 39, 48, 57, 64);

    /** The naturally aligned page {@code base..base+mask} of domain {@code did}: the tag of IOTLB entries. */
    public record Page(int did, long base, long mask) {

        private int bits() {
            return 64 - Long.numberOfLeadingZeros(mask);
        }
    }

    /** The naturally aligned block of 2^bits bytes at {@code base} in domain {@code did}; 64 bits is all of it. */
    public record Block(int did, int bits, long base) {

        static Block containing(int did, int bits, long address) {
            return new Block(did, bits, bits == 64 ? 0 : address & -(1L << bits));
        }
    }

    public static <V> TaggedPages<V> empty() {
        return new TaggedPages<>(HashMap.empty(), HashMap.empty());
    }

    /** After {@code source} filled the page {@code base..base+mask} of domain {@code did} with {@code value}. */
    public TaggedPages<V> with(SourceId source, int did, long base, long mask, V value) {
        Page page = new Page(did, base, mask);
        Map<SourceId, Set<V>> sources = values.get(page).getOrElse(HashMap::empty);
        Set<V> held = sources.get(source).getOrElse(LinkedHashSet::empty);
        Map<Block, Set<Page>> blocks = values.containsKey(page) ? byBlock : listed(page);
        return new TaggedPages<>(values.put(page, sources.put(source, held.add(value))), blocks);
    }

    /** What a request of {@code source} to {@code address} under domain {@code did} may find: small pages first. */
    public List<V> lookup(SourceId source, int did, long address) {
        return LEAF_MASKS.flatMap(mask -> values.get(new Page(did, address & ~mask, mask))
                .flatMap(sources -> sources.get(source)).getOrElse(LinkedHashSet::empty));
    }

    /** Without every entry of domain {@code did}. */
    public TaggedPages<V> withoutDomain(int did) {
        return without(byBlock.get(Block.containing(did, 64, 0)).getOrElse(HashSet::empty));
    }

    /**
     * Without the entries of domain {@code did} whose page meets the naturally aligned range of 2^rangeBits bytes
     * at {@code first} (a page larger than the range, containing it, is removed whole).
     */
    public TaggedPages<V> withoutRange(int did, long first, int rangeBits) {
        Set<Page> containing = LEAF_MASKS.filter(mask -> 64 - Long.numberOfLeadingZeros(mask) >= rangeBits)
                .map(mask -> new Page(did, first & ~mask, mask)).filter(values::containsKey).toSet();
        return without(containing.addAll(inside(did, first, rangeBits)));
    }

    /** The pages no larger than the range that lie in it: read page by page, or block by block. */
    private Set<Page> inside(int did, long first, int rangeBits) {
        int blockBits = BLOCK_BITS.filter(bits -> bits <= rangeBits).lastOption().getOrElse(12);
        int count = 1 << (rangeBits - blockBits);
        if (blockBits == 12) {
            return List.range(0, count).map(i -> new Page(did, first + ((long) i << 12), 0xFFF))
                    .filter(values::containsKey).toSet();
        }
        return List.range(0, count).flatMap(i -> byBlock.get(Block.containing(did, blockBits,
                first + (blockBits == 64 ? 0 : (long) i << blockBits))).getOrElse(HashSet::empty)).toSet();
    }

    /** Every entry, mapped by {@code entry}: for reports and tests. */
    public <T> List<T> entries(Function3<SourceId, Page, V, T> entry) {
        return values.toList().flatMap(tagged -> tagged._2.toList()
                .flatMap(source -> source._2.toList().map(value -> entry.apply(source._1, tagged._1, value))));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The blocks a new page is listed under, the page added. */
    private Map<Block, Set<Page>> listed(Page page) {
        return blocksOf(page).foldLeft(byBlock, (blocks, block) ->
                blocks.put(block, blocks.get(block).getOrElse(HashSet::empty).add(page)));
    }

    private TaggedPages<V> without(Set<Page> pages) {
        return pages.foldLeft(this, TaggedPages::without);
    }

    private TaggedPages<V> without(Page page) {
        Map<Block, Set<Page>> blocks = blocksOf(page).foldLeft(byBlock, (all, block) -> {
            Set<Page> rest = all.get(block).get().remove(page);
            return rest.isEmpty() ? all.remove(block) : all.put(block, rest);
        });
        return new TaggedPages<>(values.remove(page), blocks);
    }

    /** The blocks at least as large as the page that contain it. */
    private static List<Block> blocksOf(Page page) {
        return BLOCK_BITS.filter(bits -> bits >= page.bits())
                .map(bits -> Block.containing(page.did(), bits, page.base()));
    }
}
