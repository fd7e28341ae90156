package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.dma.ScalableContextReader;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;
import io.vtdoracle.impl.table.PasidEntry;
import io.vtdoracle.impl.table.ScalableContextEntry;
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
    private final ScalableContextReader scalableReader;
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
                   ContextReader contextReader, ScalableContextReader scalableReader) {
        this.memory = memory;
        this.state = state;
        this.contextReader = contextReader;
        this.scalableReader = scalableReader;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.superpages = capabilities.superpages();
    }

    /**
     * Reads the device's structures fresh and stores in it what the listeners need: its domain-id (-1 while
     * translation is disabled or when an entry faults), its current view, and whether it has mappings with the table
     * pointer and levels to walk: in legacy mode a valid context entry that is not pass-through (contract §7.1), in
     * scalable mode a valid RID_PASID entry of the second stage (contract §9.10).
     */
    void resolve(DeviceSpace device) {
        device.freshDomain = -1;
        device.freshPasid = -1;
        device.freshView = AddressSpaceView.TRANSLATED;
        device.mappable = false;
        if (!state.translationEnabled()) {
            device.freshView = AddressSpaceView.IDENTITY;
        } else if (state.tableMode() == 0) {
            resolveLegacy(device);
        } else if (state.tableMode() == 1) {
            resolveScalable(device);
        }
    }

    private void resolveLegacy(DeviceSpace device) {
        if (contextReader.read(device.sid) != ContextReader.OK) {
            return;
        }
        long lo = contextReader.lo();
        long hi = contextReader.hi();
        device.freshDomain = ContextEntry.domainId(hi);
        if (ContextEntry.translationType(lo) == ContextEntry.TT_PASS_THROUGH) {
            device.freshView = AddressSpaceView.IDENTITY;
            return;
        }
        device.mappable = true;
        device.tablePointer = ContextEntry.secondLevelPointer(lo);
        device.levels = ContextEntry.levels(hi);
    }

    /** Contract §9.10: the RID_PASID entry; pass-through is IDENTITY, the second stage has mappings. */
    private void resolveScalable(DeviceSpace device) {
        if (scalableReader.readContext(device.sid) != ScalableContextReader.OK) {
            return;
        }
        long context0 = scalableReader.context0();
        device.freshPasid = ScalableContextEntry.ridPasid(scalableReader.context1());
        if (scalableReader.readPasidEntry(context0, device.freshPasid) != ScalableContextReader.OK) {
            return;
        }
        long entry0 = scalableReader.entry0();
        device.freshDomain = PasidEntry.domainId(scalableReader.entry1());
        switch (PasidEntry.pgtt(entry0)) {
            case PasidEntry.PGTT_PASS_THROUGH:
                device.freshView = AddressSpaceView.IDENTITY;
                break;
            case PasidEntry.PGTT_SECOND_STAGE:
                device.mappable = true;
                device.tablePointer = PasidEntry.secondStagePointer(entry0);
                device.levels = PasidEntry.addressWidth(entry0) + 2;
                break;
            default:
                break;
        }
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
        long[] words = memory.page(table);
        if (words == null) {
            return;
        }
        int from = index(Pieces.max(first, tableIova), tableIova, shift);
        int to = index(Pieces.min(last, tableLast), tableIova, shift);
        if (level == 1) {
            leafTable(words, rights, tableIova, from, to);
            return;
        }
        long entryMask = (1L << shift) - 1;
        for (int i = from; i <= to && !stopped; i++) {
            long pte = words[i];
            int entryRights = rights & SlPte.rights(pte);
            if (entryRights == 0 || SlPte.reservedSet(pte, level, aw, superpages)) {
                continue;
            }
            long iova = tableIova + ((long) i << shift);
            long address = SlPte.address(pte, hawMask);
            if (SlPte.leaf(pte, level)) {
                if (!intoWindowOnly(address, entryMask)) {
                    leavesVisited++;
                    leaves(iova, entryMask, address, entryRights, 1);
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
     * The 4K leaves of entries {@code from..to} of a level-1 table (its 512 words): the same rules as {@link #walk},
     * applied once per run. A run is a valid leaf followed by the entries whose words are its word plus 4 KiB, plus
     * 8 KiB... (same rights and reserved bits, the next frame), cut where its output would carry out of the address
     * field or reach the interrupt window; inside a run a leaf costs a load and a compare.
     */
    private void leafTable(long[] words, int rights, long tableIova, int from, int to) {
        long reserved = SlPte.reservedLevel1(aw);
        long addressMask = hawMask & ~0xFFFL;
        int i = from;
        while (i <= to) {
            long pte = words[i];
            int entryRights = rights & SlPte.rights(pte);
            long address = pte & addressMask;
            if (entryRights == 0 || (pte & reserved) != 0 || intoWindowOnly(address, 0xFFF)) {
                i++;
                continue;
            }
            int last = runLast(i, to, address, addressMask);
            int end = i + 1;
            long next = pte + 0x1000;
            while (end <= last && words[end] == next) {
                end++;
                next += 0x1000;
            }
            leavesVisited += end - i;
            leaves(tableIova + ((long) i << 12), 0xFFF, address, entryRights, end - i);
            if (stopped) {
                return;
            }
            i = end;
        }
    }

    /**
     * The last entry a run starting at entry {@code at} with output {@code address} may reach (at most {@code to}):
     * one whose output neither carries past the address field (into reserved bits) nor reaches the interrupt window.
     */
    private static int runLast(int at, int to, long address, long addressMask) {
        long frames = (addressMask - address) >>> 12;
        if (address < Operation.INTERRUPT_WINDOW_FIRST) {
            frames = Math.min(frames, ((Operation.INTERRUPT_WINDOW_FIRST - address) >>> 12) - 1);
        }
        return (int) Math.min(to, at + frames);
    }

    /** Adds {@code count} leaves to the batch if they continue it and fit; otherwise hands the batch over first. */
    private void leaves(long iova, long mask, long base, int rights, int count) {
        if (batchCount > 0) {
            long advance = (long) batchCount * (mask + 1);
            if (batchCount + count <= BATCH && mask == batchMask && rights == batchRights
                    && iova == batchIova + advance && base == batchBase + advance) {
                batchCount += count;
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
        batchCount = count;
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
