package io.vtdoracle.model.paging;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.roottable.ContextEntry;

import java.util.function.ToLongFunction;

/**
 * The leaves of a device's second-level tables, read fresh from memory (contract §7.1): what a walk of every
 * address would reach without a fault. Tables may alias each other (an entry pointing back up the tree), so the
 * leaves of a range can be astronomically many: the bounded enumeration stops once their weights exceed a limit,
 * and never walks twice a subtree that held no leaf (contract §7.5, bounded work).
 */
public final class LeafEnumeration {

    private LeafEnumeration() {
    }

    /** Every leaf reached by addresses {@code first..last} (see the bounded form), in ascending IOVA order. */
    public static List<Leaf> leaves(GuestMemory memory, Capabilities capabilities, ContextEntry context,
                                    long first, long last) {
        return leaves(memory, capabilities, context, first, last, leaf -> 0, 0).leaves();
    }

    /**
     * The leaves reached by addresses {@code first..last} (unsigned, inclusive) through the tables of a valid,
     * translating context entry, in ascending IOVA order, until the sum of their {@code weight}s exceeds
     * {@code limit}. Each leaf is whole (its iova and mask may extend beyond the range): the caller clips. Skipped:
     * addresses beyond the context's AGAW, entries that cannot be read, are not present or have reserved bits set
     * (with everything below them), leaves whose accumulated permission is NONE and leaves whose output lies
     * wholly in the interrupt window (§3.14: no mapping, contract §7.1). A leaf whose output only meets the window
     * is included: cutting the window out is the caller's business.
     */
    public static LeafScan leaves(GuestMemory memory, Capabilities capabilities, ContextEntry context,
                                  long first, long last, ToLongFunction<Leaf> weight, long limit) {
        return leaves(memory, capabilities, context.secondLevelPageTablePointer(), context.levels(), first, last,
                weight, limit);
    }

    /**
     * The same through second-level tables of {@code levels} levels at {@code pointer} (a scalable-mode second stage
     * uses its PASID-table entry's SSPTPTR and AW, contract §9.10); the AGAW is 12 + 9·levels bits.
     */
    public static LeafScan leaves(GuestMemory memory, Capabilities capabilities, long pointer, int levels,
                                  long first, long last, ToLongFunction<Leaf> weight, long limit) {
        long agawLimit = -1L >>> (64 - (12 + 9 * levels));
        if (Long.compareUnsigned(first, last) > 0 || Long.compareUnsigned(first, agawLimit) > 0) {
            return new LeafScan(List.empty(), false);
        }
        long end = Long.compareUnsigned(last, agawLimit) > 0 ? agawLimit : last;
        Walker walker = new Walker(memory, capabilities, weight, limit);
        Scan scan = walker.table(new Scan(List.empty(), 0, 0, HashSet.empty()), pointer, levels, first, end,
                Permission.READ_WRITE);
        return new LeafScan(scan.reversed().reverse(), scan.weight() > limit);
    }

    /**
     * An enumeration so far: the leaves found (newest first), how many, their total weight, and the subtrees
     * walked whole without a leaf (table address | level << 2 | permission ordinal: the same table read at the
     * same level with the same accumulated permission holds the same leaves, relative to where it is reached).
     */
    private record Scan(List<Leaf> reversed, int count, long weight, HashSet<Long> barren) {

        Scan with(Leaf leaf, long leafWeight) {
            return new Scan(reversed.prepend(leaf), count + 1, weight + leafWeight, barren);
        }

        Scan withBarren(long subtree) {
            return new Scan(reversed, count, weight, barren.add(subtree));
        }
    }

    private record Walker(GuestMemory memory, Capabilities capabilities, ToLongFunction<Leaf> weight, long limit) {

        /** The leaves under the table at {@code table} (level {@code level}) for {@code first..last}, in its span. */
        Scan table(Scan start, long table, int level, long first, long last, Permission accumulated) {
            int shift = PageWalk.levelShift(level);
            long entrySpan = PageWalk.pageMask(level);
            long tableBase = first & ~((1L << (shift + 9)) - 1);
            Scan scan = start;
            for (int i = PageWalk.index(first, level); i <= PageWalk.index(last, level); i++) {
                if (scan.weight() > limit) {
                    return scan;
                }
                long entryIova = tableBase | (long) i << shift;
                var read = memory.read(table + i * 8L);
                if (read.isEmpty()) {
                    continue;
                }
                SecondLevelEntry entry = new SecondLevelEntry(read.get());
                Permission permission = accumulated.and(entry.permission());
                if (!entry.present() || entry.reservedBitsSet(level, capabilities) || permission == Permission.NONE) {
                    continue;
                }
                long address = entry.address(capabilities.addressWidth());
                if (entry.isLeaf(level)) {
                    Leaf leaf = new Leaf(entryIova, entrySpan, address & ~entrySpan, permission);
                    if (!outputInInterruptWindow(leaf)) {
                        scan = scan.with(leaf, weight.applyAsLong(leaf));
                    }
                    continue;
                }
                long subFirst = Math.max(first, entryIova);
                long subLast = Math.min(last, entryIova + entrySpan);
                boolean whole = subFirst == entryIova && subLast == entryIova + entrySpan;
                long subtree = address | (long) (level - 1) << 2 | permission.ordinal();
                if (whole && scan.barren().contains(subtree)) {
                    continue;
                }
                Scan below = table(scan, address, level - 1, subFirst, subLast, permission);
                scan = whole && below.count() == scan.count() ? below.withBarren(subtree) : below;
            }
            return scan;
        }

        /** §3.14: the leaf translates only into the interrupt window. */
        private static boolean outputInInterruptWindow(Leaf leaf) {
            return Operation.inInterruptWindow(leaf.outputBase())
                    && Operation.inInterruptWindow(leaf.outputBase() + leaf.pageMask());
        }
    }
}
