package io.vtdoracle.impl.listener;

import java.util.Arrays;

/**
 * Pieces in ascending IOVA order, without overlap: a MAP listener's shadow (contract §7.3), the pieces it has been
 * told and not yet told to forget, like QEMU's iova tree but per listener; and a listener's target while it is
 * computed. Each piece is (iova, address mask, translated address, permission) and remembers the size of the leaf
 * it was cut from (a naturally aligned 4K, 2M or 1G block, so the leaf's IOVA is the piece's IOVA with the bits of
 * that size cleared) and the domain-id of the context entry it was found through.
 *
 * <p>Pieces are stored as runs: consecutive pieces of one size, permission, leaf size and domain whose IOVAs and
 * translated addresses both advance by that size are one run (a domain mapped the way Linux maps one is a few
 * runs, whatever its number of pages). Pieces are addressed by index all the same; a lookup remembers its run, so
 * a sequential scan costs O(1) a piece. Every update of a shadow replaces one contiguous range of pieces (those
 * meeting the widened range) with the new target of that range, which lies inside it ({@link #replace}). So a
 * range is found by binary searches over the runs. The domain-ids held are counted, so "holds a piece found through
 * DID d" costs a scan of the few distinct DIDs only.
 */
public final class PieceSet {

    /** The sizes a second-level leaf can have: 4 KiB, 2 MiB, 1 GiB. */
    private static final long[] LEAF_MASKS = {0xFFFL, 0x1F_FFFFL, 0x3FFF_FFFFL};

    private Runs runs = new Runs();
    private Runs spare = new Runs();
    private int size;
    /** The run the last lookup found. */
    private int cursor;

    private int[] heldDomains = new int[4];
    private int[] heldCounts = new int[4];
    private int heldKinds;

    public int size() {
        return size;
    }

    public long iova(int index) {
        int run = run(index);
        return runs.iovas[run] + (long) (index - runs.starts[run]) * (runs.masks[run] + 1);
    }

    public long mask(int index) {
        return runs.masks[run(index)];
    }

    /** The last IOVA of the piece at {@code index}. */
    public long last(int index) {
        return iova(index) + mask(index);
    }

    public long translated(int index) {
        int run = run(index);
        return runs.translated[run] + (long) (index - runs.starts[run]) * (runs.masks[run] + 1);
    }

    /** R in bit 0, W in bit 1. */
    public int permission(int index) {
        return runs.rights[run(index)];
    }

    /** The first IOVA of the leaf the piece at {@code index} was cut from. */
    public long leafIova(int index) {
        return iova(index) & ~leafMask(index);
    }

    /** The size mask of the leaf the piece at {@code index} was cut from. */
    public long leafMask(int index) {
        return runs.leafMasks[run(index)];
    }

    /** The domain-id of the context entry the piece at {@code index} was found through. */
    public int domain(int index) {
        return runs.domains[run(index)];
    }

    /** How many runs hold the pieces; run {@code r} holds {@link #runPieces(int)} pieces from the IOVA below. */
    public int runs() {
        return runs.count;
    }

    public int runPieces(int run) {
        return runs.counts[run];
    }

    /** The IOVA of the first piece of a run; each next piece is one piece size (mask + 1) higher. */
    public long runIova(int run) {
        return runs.iovas[run];
    }

    /** The address mask of every piece of a run. */
    public long runMask(int run) {
        return runs.masks[run];
    }

    /** The translated address of the first piece of a run; each next piece's is one piece size higher. */
    public long runTranslated(int run) {
        return runs.translated[run];
    }

    /** The permission of every piece of a run: R in bit 0, W in bit 1. */
    public int runPermission(int run) {
        return runs.rights[run];
    }

    /** Whether some piece was found through a context entry with domain-id {@code did}. */
    public boolean holdsDomain(int did) {
        for (int i = 0; i < heldKinds; i++) {
            if (heldDomains[i] == did) {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends {@code count} pieces of one size above every piece held (a target being built), the first at
     * {@code iova}, each next one a piece size higher in IOVA and translated address; found through no domain yet:
     * {@link #replace} gives them their domain-id when they become part of a shadow.
     */
    public void add(long iova, long mask, long translatedAddress, int rights, long leafMask, int count) {
        runs.append(iova, mask, translatedAddress, rights, leafMask, 0, count, size);
        size += count;
    }

    /** The index of the first piece whose last IOVA is at or above {@code first} (unsigned); size if none. */
    public int firstEndingAtOrAfter(long first) {
        int run = firstRunEndingAtOrAfter(first);
        if (run == runs.count) {
            return size;
        }
        long runIova = runs.iovas[run];
        return Long.compareUnsigned(first, runIova) <= 0 ? runs.starts[run]
                : runs.starts[run] + (int) ((first - runIova) >>> shift(run));
    }

    /** The index of the first piece whose IOVA is above {@code last} (unsigned), at or after {@code from}. */
    public int firstStartingAfter(int from, long last) {
        int run = last == -1L ? runs.count : firstRunEndingAtOrAfter(last + 1);
        int index;
        if (run == runs.count) {
            index = size;
        } else if (Long.compareUnsigned(last, runs.iovas[run]) < 0) {
            index = runs.starts[run];
        } else {
            index = runs.starts[run] + (int) ((last - runs.iovas[run]) >>> shift(run)) + 1;
        }
        return Math.max(from, index);
    }

    /**
     * The index of a piece whose leaf contains {@code address}, or -1. Leaves are naturally aligned 4K, 2M or 1G
     * blocks and the leaves a shadow holds pieces of are disjoint (an update removes every piece of every held
     * leaf meeting its widened range), so the leaf containing the address, if held, owns the first piece inside
     * the block of its size around the address.
     */
    public int leafContaining(long address) {
        for (long leafMask : LEAF_MASKS) {
            long blockFirst = address & ~leafMask;
            int at = firstStartingAtOrAfter(blockFirst);
            if (at < size && Long.compareUnsigned(iova(at), blockFirst + leafMask) <= 0
                    && Long.compareUnsigned(leafIova(at), address) <= 0
                    && Long.compareUnsigned(address, leafIova(at) + leafMask(at)) <= 0) {
                return at;
            }
        }
        return -1;
    }

    private int firstStartingAtOrAfter(long first) {
        int run = firstRunEndingAtOrAfter(first);
        if (run == runs.count) {
            return size;
        }
        long runIova = runs.iovas[run];
        if (Long.compareUnsigned(first, runIova) <= 0) {
            return runs.starts[run];
        }
        int shift = shift(run);
        long pieces = (first - runIova + (1L << shift) - 1) >>> shift;
        return runs.starts[run] + (int) pieces;
    }

    /** The first run whose last IOVA is at or above {@code first} (unsigned); the number of runs if none. */
    private int firstRunEndingAtOrAfter(long first) {
        int low = 0;
        int high = runs.count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(runs.last(middle), first) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Removes every piece. */
    public void clear() {
        runs.count = 0;
        size = 0;
        cursor = 0;
        heldKinds = 0;
    }

    /**
     * Replaces the pieces {@code from..to-1} with the pieces of {@code with}, found through domain-id {@code did};
     * {@code with} must fit there in IOVA order without overlapping the pieces kept.
     */
    public void replace(int from, int to, PieceSet with, int did) {
        for (int index = from; index < to; ) {
            int run = run(index);
            int end = Math.min(to, runs.starts[run] + runs.counts[run]);
            countDomain(runs.domains[run], index - end);
            index = end;
        }
        spare.count = 0;
        int kept = 0;
        for (int run = 0; run < runs.count && runs.starts[run] < from; run++) {
            int pieces = Math.min(runs.counts[run], from - runs.starts[run]);
            spare.append(runs.iovas[run], runs.masks[run], runs.translated[run], runs.rights[run],
                    runs.leafMasks[run], runs.domains[run], pieces, kept);
            kept += pieces;
        }
        for (int run = 0; run < with.runs.count; run++) {
            spare.append(with.runs.iovas[run], with.runs.masks[run], with.runs.translated[run],
                    with.runs.rights[run], with.runs.leafMasks[run], did, with.runs.counts[run], kept);
            kept += with.runs.counts[run];
        }
        if (with.size > 0) {
            countDomain(did, with.size);
        }
        if (to < size) {
            int run = run(to);
            long skipped = (long) (to - runs.starts[run]) * (runs.masks[run] + 1);
            int pieces = runs.starts[run] + runs.counts[run] - to;
            spare.append(runs.iovas[run] + skipped, runs.masks[run], runs.translated[run] + skipped,
                    runs.rights[run], runs.leafMasks[run], runs.domains[run], pieces, kept);
            kept += pieces;
            for (int next = run + 1; next < runs.count; next++) {
                spare.append(runs.iovas[next], runs.masks[next], runs.translated[next], runs.rights[next],
                        runs.leafMasks[next], runs.domains[next], runs.counts[next], kept);
                kept += runs.counts[next];
            }
        }
        Runs old = runs;
        runs = spare;
        spare = old;
        size = kept;
        cursor = 0;
    }

    /** The run holding piece {@code index} (0 to size-1). */
    private int run(int index) {
        int run = cursor;
        if (run < runs.count && index >= runs.starts[run]) {
            if (index < runs.starts[run] + runs.counts[run]) {
                return run;
            }
            if (run + 1 < runs.count && index < runs.starts[run + 1] + runs.counts[run + 1]) {
                cursor = run + 1;
                return run + 1;
            }
        }
        int low = 0;
        int high = runs.count - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (runs.starts[middle] <= index) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        cursor = low;
        return low;
    }

    /** log2 of the piece size of a run. */
    private int shift(int run) {
        return Long.numberOfTrailingZeros(runs.masks[run] + 1);
    }

    private void countDomain(int did, int delta) {
        for (int i = 0; i < heldKinds; i++) {
            if (heldDomains[i] == did) {
                heldCounts[i] += delta;
                if (heldCounts[i] == 0) {
                    heldKinds--;
                    heldDomains[i] = heldDomains[heldKinds];
                    heldCounts[i] = heldCounts[heldKinds];
                }
                return;
            }
        }
        if (heldKinds == heldDomains.length) {
            heldDomains = Arrays.copyOf(heldDomains, heldKinds * 2);
            heldCounts = Arrays.copyOf(heldCounts, heldKinds * 2);
        }
        heldDomains[heldKinds] = did;
        heldCounts[heldKinds] = delta;
        heldKinds++;
    }

    /** Runs of pieces as parallel arrays: first IOVA, piece mask, first translated address, rights, leaf mask... */
    private static final class Runs {

        long[] iovas = new long[4];
        long[] masks = new long[4];
        long[] translated = new long[4];
        byte[] rights = new byte[4];
        long[] leafMasks = new long[4];
        int[] domains = new int[4];
        int[] counts = new int[4];
        /** The index of each run's first piece. */
        int[] starts = new int[4];
        int count;

        long last(int run) {
            return iovas[run] + (long) counts[run] * (masks[run] + 1) - 1;
        }

        /**
         * Appends {@code pieces} pieces from {@code iova}, the first of them numbered {@code start}: to the last run
         * if they continue it, else as a new run.
         */
        void append(long iova, long mask, long translatedAddress, int pieceRights, long leafMask, int domain,
                    int pieces, int start) {
            if (count > 0) {
                int run = count - 1;
                long advance = (long) counts[run] * (mask + 1);
                if (masks[run] == mask && rights[run] == pieceRights && leafMasks[run] == leafMask
                        && domains[run] == domain && iovas[run] + advance == iova
                        && translated[run] + advance == translatedAddress) {
                    counts[run] += pieces;
                    return;
                }
            }
            if (count == iovas.length) {
                int capacity = count * 2;
                iovas = Arrays.copyOf(iovas, capacity);
                masks = Arrays.copyOf(masks, capacity);
                translated = Arrays.copyOf(translated, capacity);
                rights = Arrays.copyOf(rights, capacity);
                leafMasks = Arrays.copyOf(leafMasks, capacity);
                domains = Arrays.copyOf(domains, capacity);
                counts = Arrays.copyOf(counts, capacity);
                starts = Arrays.copyOf(starts, capacity);
            }
            iovas[count] = iova;
            masks[count] = mask;
            translated[count] = translatedAddress;
            rights[count] = (byte) pieceRights;
            leafMasks[count] = leafMask;
            domains[count] = domain;
            counts[count] = pieces;
            starts[count] = start;
            count++;
        }
    }
}
