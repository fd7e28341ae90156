package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;
import io.vtdoracle.impl.table.SlPte;

/**
 * The mappings of a device as guest memory says now (contract §7.1): a fresh root and context read
 * ({@link #resolve}), then walks of the second-level tables that descend only into present, valid entries whose
 * range meets the requested range and skip everything else (non-present subtrees, unreadable tables, reserved
 * bits, entries without rights). {@link #leafAt} finds the one leaf containing an address (the widening of
 * contract §7.3 asks only about the leaves across the two ends of a range).
 *
 * <p>Tables may alias each other, so a range may reach astronomically many leaves: a walk stops as soon as its
 * visitor says so, and a subtree it walked whole without a leaf is not walked again in that walk (contract §7.5,
 * bounded work).
 */
final class DeviceMappings {

    /**
     * Receives the leaves of a walk in ascending IOVA, {@code count} leaves at a time: leaves of one size and rights
     * whose IOVAs and bases both advance by that size (at most {@link #BATCH}); returns false to stop the walk.
     */
    interface LeafVisitor {
        boolean leaves(long iova, long mask, long base, int rights, int count);
    }

    /** The most leaves handed to a visitor at once (it is asked whether to go on after each batch). */
    static final int BATCH = 512;

    private final GuestMemory memory;
    private final RemappingState state;
    private final ContextReader contextReader;
    private final int aw;
    private final long hawMask;
    private final boolean superpages;
    private final SubtreeSet barren = new SubtreeSet();
    private long foundIova;
    private long foundMask;
    private LeafVisitor visitor;
    private long leavesVisited;
    private boolean stopped;
    private long batchIova;
    private long batchMask;
    private long batchBase;
    private int batchRights;
    private int batchCount;

    DeviceMappings(Capabilities capabilities, GuestMemory memory, RemappingState state,
                   ContextReader contextReader) {
        this.memory = memory;
        this.state = state;
        this.contextReader = contextReader;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.superpages = capabilities.superpages();
    }

    /**
     * Reads the device's context entry fresh and stores in it what the listeners need: its domain-id (-1 while
     * translation is disabled or when the entry faults), its current view, and whether it has mappings (TE = 1,
     * a valid context entry that is not pass-through) with the table pointer and levels to walk.
     */
    void resolve(DeviceSpace device) {
        boolean translating = state.translationEnabled();
        boolean valid = translating && contextReader.read(device.sid) == ContextReader.OK;
        long lo = contextReader.lo();
        long hi = contextReader.hi();
        boolean passThrough = valid && ContextEntry.translationType(lo) == ContextEntry.TT_PASS_THROUGH;
        device.freshDomain = valid ? ContextEntry.domainId(hi) : -1;
        device.freshView = !translating || passThrough ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED;
        device.mappable = valid && !passThrough;
        device.tablePointer = ContextEntry.secondLevelPointer(lo);
        device.levels = ContextEntry.levels(hi);
    }

    /**
     * Gives {@code to} the leaves of a mappable device that meet {@code first..last}, in ascending IOVA, until it
     * returns false. Leaves whose output lies wholly in the interrupt window are no mappings and are skipped.
     */
    void walk(DeviceSpace device, long first, long last, LeafVisitor to) {
        visitor = to;
        leavesVisited = 0;
        stopped = false;
        batchCount = 0;
        barren.clear();
        walk(device.tablePointer, device.levels, SlPte.READ | SlPte.WRITE, 0, first, last);
        if (!stopped) {
            flush();
        }
        visitor = null;
    }

    /** Whether a leaf of a mappable device contains {@code address}; if so see {@link #foundIova()}. */
    boolean leafAt(DeviceSpace device, long address) {
        int level = device.levels;
        if (level * 9 + 12 < 64 && address >>> (level * 9 + 12) != 0) {
            return false;
        }
        long table = device.tablePointer;
        int rights = SlPte.READ | SlPte.WRITE;
        while (memory.contains(table, 0)) {
            int shift = SlPte.shift(level);
            long pte = memory.read(table + 8L * SlPte.index(address, level));
            rights &= SlPte.rights(pte);
            if (rights == 0 || SlPte.reservedSet(pte, level, aw, superpages)) {
                return false;
            }
            if (SlPte.leaf(pte, level)) {
                foundMask = (1L << shift) - 1;
                foundIova = address & ~foundMask;
                return true;
            }
            table = SlPte.address(pte, hawMask);
            level--;
        }
        return false;
    }

    /** The first IOVA of the leaf the last successful {@link #leafAt} found. */
    long foundIova() {
        return foundIova;
    }

    /** The last IOVA of the leaf the last successful {@link #leafAt} found. */
    long foundLast() {
        return foundIova + foundMask;
    }

    private void walk(long table, int level, int rights, long tableIova, long first, long last) {
        if (!memory.contains(table, 0)) {
            return;
        }
        int shift = SlPte.shift(level);
        long tableLast = tableIova + ((long) SlPte.ENTRIES << shift) - 1;
        if (!Pieces.meet(first, last, tableIova, tableLast)) {
            return;
        }
        long entryMask = (1L << shift) - 1;
        int from = index(Pieces.max(first, tableIova), tableIova, shift);
        int to = index(Pieces.min(last, tableLast), tableIova, shift);
        if (level == 1) {
            leafTable(memory.page(table), rights, tableIova, from, to);
            return;
        }
        for (int i = from; i <= to && !stopped; i++) {
            long pte = memory.read(table + (long) i * 8);
            int entryRights = rights & SlPte.rights(pte);
            if (entryRights == 0 || SlPte.reservedSet(pte, level, aw, superpages)) {
                continue;
            }
            long iova = tableIova + ((long) i << shift);
            long address = SlPte.address(pte, hawMask);
            if (SlPte.leaf(pte, level)) {
                if (!intoWindowOnly(address, entryMask)) {
                    leavesVisited++;
                    leaf(iova, entryMask, address, entryRights);
                }
                continue;
            }
            boolean whole = Long.compareUnsigned(first, iova) <= 0
                    && Long.compareUnsigned(iova + entryMask, last) <= 0;
            long subtree = address | (long) (level - 1) << 2 | entryRights;
            if (whole && barren.contains(subtree)) {
                continue;
            }
            long before = leavesVisited;
            walk(address, level - 1, entryRights, iova, first, last);
            if (whole && leavesVisited == before) {
                barren.add(subtree);
            }
        }
    }

    /**
     * The 4K leaves of entries {@code from..to} of a level-1 table (its words, or null if never written): the same
     * rules as {@link #walk}, in one tight loop over the page, since a replay spends its time here.
     */
    private void leafTable(long[] page, int rights, long tableIova, int from, int to) {
        if (page == null) {
            return;
        }
        long reserved = SlPte.reservedLevel1(aw);
        for (int i = from; i <= to; i++) {
            long pte = page[i];
            int entryRights = rights & SlPte.rights(pte);
            if (entryRights == 0 || (pte & reserved) != 0) {
                continue;
            }
            long address = SlPte.address(pte, hawMask);
            if (intoWindowOnly(address, 0xFFF)) {
                continue;
            }
            leavesVisited++;
            long iova = tableIova + ((long) i << 12);
            long advance = (long) batchCount << 12;
            if (batchCount > 0 && batchCount < BATCH && batchMask == 0xFFF && entryRights == batchRights
                    && iova == batchIova + advance && address == batchBase + advance) {
                batchCount++;
                continue;
            }
            leaf(iova, 0xFFF, address, entryRights);
            if (stopped) {
                return;
            }
        }
    }

    /** Adds a leaf to the batch if it continues it; otherwise hands the batch over and starts a new one. */
    private void leaf(long iova, long mask, long base, int rights) {
        if (batchCount > 0) {
            long advance = (long) batchCount * (mask + 1);
            if (batchCount < BATCH && mask == batchMask && rights == batchRights && iova == batchIova + advance
                    && base == batchBase + advance) {
                batchCount++;
                return;
            }
            flush();
            if (stopped) {
                return;
            }
        }
        batchIova = iova;
        batchMask = mask;
        batchBase = base;
        batchRights = rights;
        batchCount = 1;
    }

    private void flush() {
        if (batchCount > 0) {
            stopped = !visitor.leaves(batchIova, batchMask, batchBase, batchRights, batchCount);
            batchCount = 0;
        }
    }

    /** §3.14: a leaf whose output lies wholly in the interrupt window maps nothing (contract §7.1). */
    private static boolean intoWindowOnly(long base, long mask) {
        return Operation.inInterruptWindow(base) && Operation.inInterruptWindow(base + mask);
    }

    private static int index(long address, long tableIova, int shift) {
        return (int) ((address - tableIova) >>> shift);
    }
}
