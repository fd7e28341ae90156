package io.vtdoracle.model.paging;

import io.vavr.collection.List;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.roottable.ContextEntry;

/**
 * The leaves of a device's second-level tables, read fresh from memory (contract §7.1): what a walk of every
 * address would reach without a fault.
 */
public final class LeafEnumeration {

    private LeafEnumeration() {
    }

    /**
     * The leaves reached by addresses {@code first..last} (unsigned, inclusive) through the tables of a valid,
     * translating context entry, in ascending IOVA order. Each leaf is whole (its iova and mask may extend beyond
     * the range): the caller clips. Skipped: addresses beyond the context's AGAW, entries that cannot be read,
     * are not present or have reserved bits set (with everything below them), and leaves whose accumulated
     * permission is NONE. Leaves whose output lies in the interrupt window are included: cutting the window out
     * is the caller's business (contract §7.1).
     */
    public static List<Leaf> leaves(GuestMemory memory, Capabilities capabilities, ContextEntry context,
                                    long first, long last) {
        long limit = -1L >>> (64 - context.adjustedGuestAddressWidth());
        if (Long.compareUnsigned(first, last) > 0 || Long.compareUnsigned(first, limit) > 0) {
            return List.empty();
        }
        long end = Long.compareUnsigned(last, limit) > 0 ? limit : last;
        return table(memory, capabilities, context.secondLevelPageTablePointer(), context.levels(),
                first, end, Permission.READ_WRITE);
    }

    /** The leaves under the table at {@code table} (level {@code level}) for {@code first..last}, within its span. */
    private static List<Leaf> table(GuestMemory memory, Capabilities capabilities, long table, int level,
                                    long first, long last, Permission accumulated) {
        int shift = PageWalk.levelShift(level);
        long entrySpan = PageWalk.pageMask(level);
        long tableBase = first & ~((1L << (shift + 9)) - 1);
        List<Leaf> leaves = List.empty();
        for (int i = PageWalk.index(first, level); i <= PageWalk.index(last, level); i++) {
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
                leaves = leaves.append(new Leaf(entryIova, entrySpan, address & ~entrySpan, permission));
            } else {
                long subFirst = Math.max(first, entryIova);
                long subLast = Math.min(last, entryIova + entrySpan);
                leaves = leaves.appendAll(table(memory, capabilities, address, level - 1, subFirst, subLast,
                        permission));
            }
        }
        return leaves;
    }
}
