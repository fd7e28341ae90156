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
 *   <li>for invalidation (§6.5.1.2) each domain's pages are filed in a tree of naturally aligned blocks, one level
 *   per page-table level: a block of 2^21 bytes lists its 4 KiB and 2 MiB pages, one of 2^30 its 1 GiB pages, and
 *   each block its non-empty blocks one level down, up to the domain's whole address space (2^64). A
 *   page-selective invalidation of 2^AM pages reads at most 256 blocks or pages and then the blocks under them;
 *   a domain-selective one starts from the top block.</li>
 * </ul>
 *
 * @param values the values of each tag, by the source-id that filled them; never an empty map or set
 * @param pages  the pages each block lists; derived from {@code values}, never an empty set
 * @param blocks the non-empty blocks each block lists one level down; derived likewise
 * @param <V>    what an entry holds: a leaf translation, or with caching mode the reason of a faulting one
 */
public record TaggedPages<V>(Map<Page, Map<SourceId, Set<V>>> values, Map<Block, Set<Page>> pages,
                             Map<Block, Set<Block>> blocks) {

    /** §3.7: the offset masks of second-level leaves (levels 1 to 3: 4 KiB, 2 MiB, 1 GiB). */
    private static final List<Long> LEAF_MASKS = List.of(PageWalk.pageMask(1), PageWalk.pageMask(2),
            PageWalk.pageMask(3));

    /** The block sizes in bits: one per page-table level above 4 KiB (§3.7), then the whole address space. */
    private static final List<Integer> BLOCK_BITS = List.of(21, 30, 39, 48, 57, 64);

    /** The naturally aligned page {@code base..base+mask} of domain {@code did}: the tag of IOTLB entries. */
    public record Page(int did, long base, long mask) {

        int bits() {
            return 64 - Long.numberOfLeadingZeros(mask);
        }

        /** The smallest block at least as large as the page: the one that lists it. */
        Block home() {
            return Block.containing(did, BLOCK_BITS.find(bits -> bits >= bits()).get(), base);
        }
    }

    /** The naturally aligned block of 2^bits bytes at {@code base} in domain {@code did}; 64 bits is all of it. */
    public record Block(int did, int bits, long base) {

        static Block containing(int did, int bits, long address) {
            return new Block(did, bits, bits == 64 ? 0 : address & -(1L << bits));
        }

        Block parent() {
            return containing(did, BLOCK_BITS.find(bits -> bits > this.bits).get(), base);
        }

        boolean isTop() {
            return bits == 64;
        }
    }

    public static <V> TaggedPages<V> empty() {
        return new TaggedPages<>(HashMap.empty(), HashMap.empty(), HashMap.empty());
    }

    /** After {@code source} filled the page {@code base..base+mask} of domain {@code did} with {@code value}. */
    public TaggedPages<V> with(SourceId source, int did, long base, long mask, V value) {
        Page page = new Page(did, base, mask);
        Map<SourceId, Set<V>> sources = values.get(page).getOrElse(HashMap::empty);
        Set<V> held = sources.get(source).getOrElse(LinkedHashSet::empty);
        if (held.contains(value)) {
            return this;
        }
        Map<Page, Map<SourceId, Set<V>>> filled = values.put(page, sources.put(source, held.add(value)));
        return values.containsKey(page) ? new TaggedPages<>(filled, pages, blocks) : filed(page, filled);
    }

    /** What a request of {@code source} to {@code address} under domain {@code did} may find: small pages first. */
    public List<V> lookup(SourceId source, int did, long address) {
        return LEAF_MASKS.flatMap(mask -> values.get(new Page(did, address & ~mask, mask))
                .flatMap(sources -> sources.get(source)).getOrElse(LinkedHashSet::empty));
    }

    /** Without every entry of domain {@code did}. */
    public TaggedPages<V> withoutDomain(int did) {
        return without(pagesUnder(Block.containing(did, 64, 0)));
    }

    /**
     * Without the entries of domain {@code did} whose page meets the naturally aligned range of 2^rangeBits bytes
     * at {@code first} (a page larger than the range, containing it, is removed whole).
     */
    public TaggedPages<V> withoutRange(int did, long first, int rangeBits) {
        List<Page> containing = LEAF_MASKS.map(mask -> new Page(did, first & ~mask, mask))
                .filter(page -> page.bits() > rangeBits && values.containsKey(page));
        return without(containing.appendAll(inside(did, first, rangeBits)));
    }

    /** The pages no larger than the range that lie in it: probed page by page, or block by block. */
    private List<Page> inside(int did, long first, int rangeBits) {
        int blockBits = BLOCK_BITS.filter(bits -> bits <= rangeBits).lastOption().getOrElse(12);
        int count = 1 << (rangeBits - blockBits);
        if (blockBits == 12) {
            return List.range(0, count).map(i -> new Page(did, first + ((long) i << 12), 0xFFF))
                    .filter(values::containsKey);
        }
        return List.range(0, count).flatMap(i -> pagesUnder(Block.containing(did, blockBits,
                first + (blockBits == 64 ? 0 : (long) i << blockBits))));
    }

    /** Whether every entry of {@code other} is held here too. */
    public boolean holdsAllOf(TaggedPages<V> other) {
        return this == other || other.values.forAll(tagged -> values.get(tagged._1).exists(mine -> tagged._2
                .forAll(held -> mine.get(held._1).exists(kept -> kept.containsAll(held._2)))));
    }

    /** Every entry, mapped by {@code entry}: for reports and tests. */
    public <T> List<T> entries(Function3<SourceId, Page, V, T> entry) {
        return values.toList().flatMap(tagged -> tagged._2.toList()
                .flatMap(source -> source._2.toList().map(value -> entry.apply(source._1, tagged._1, value))));
    }

    /** The pages a block lists and those of the blocks under it. */
    private List<Page> pagesUnder(Block block) {
        return pages.get(block).map(Set::toList).getOrElse(List::empty)
                .appendAll(blocks.get(block).getOrElse(HashSet::empty).toList().flatMap(this::pagesUnder));
    }

    /** With a new page filed in its home block, and each block that became non-empty in the block above it. */
    private TaggedPages<V> filed(Page page, Map<Page, Map<SourceId, Set<V>>> filled) {
        Block home = page.home();
        Map<Block, Set<Block>> linked = blocks;
        boolean newlyUsed = isEmpty(home, pages, blocks);
        for (Block block = home; newlyUsed && !block.isTop(); block = block.parent()) {
            Block parent = block.parent();
            newlyUsed = isEmpty(parent, pages, linked);
            linked = linked.put(parent, linked.get(parent).getOrElse(HashSet::empty).add(block));
        }
        return new TaggedPages<>(filled, pages.put(home, pages.get(home).getOrElse(HashSet::empty).add(page)),
                linked);
    }

    private TaggedPages<V> without(List<Page> removed) {
        return removed.foldLeft(this, TaggedPages::without);
    }

    /** Without a page: unfiled from its home block, and each block that became empty from the block above it. */
    private TaggedPages<V> without(Page page) {
        if (!values.containsKey(page)) {
            return this;
        }
        Block home = page.home();
        Set<Page> rest = pages.get(home).get().remove(page);
        Map<Block, Set<Page>> unfiled = rest.isEmpty() ? pages.remove(home) : pages.put(home, rest);
        Map<Block, Set<Block>> unlinked = blocks;
        for (Block block = home; !block.isTop() && isEmpty(block, unfiled, unlinked); block = block.parent()) {
            Set<Block> siblings = unlinked.get(block.parent()).get().remove(block);
            unlinked = siblings.isEmpty() ? unlinked.remove(block.parent()) : unlinked.put(block.parent(), siblings);
        }
        return new TaggedPages<>(values.remove(page), unfiled, unlinked);
    }

    private static boolean isEmpty(Block block, Map<Block, Set<Page>> pages, Map<Block, Set<Block>> blocks) {
        return !pages.containsKey(block) && !blocks.containsKey(block);
    }
}
