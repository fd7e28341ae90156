package io.vtdoracle.impl.listener;

import java.util.Arrays;

/**
 * A MAP listener's shadow (contract §7.3): the pieces it has been told and not yet told to forget, as sorted
 * parallel primitive arrays, like QEMU's iova tree but per listener. Each piece is (iova, address mask, translated
 * address, permission) and remembers the whole leaf it was cut from (its IOVA and size mask) and the domain-id of
 * the context entry it was found through.
 *
 * <p>Pieces never overlap: every update replaces one contiguous run of pieces (those meeting the widened range)
 * with the new target of that range, which lies inside it ({@link #replace}). So the pieces are sorted both by
 * first and by last IOVA, and a range is found by two binary searches. The domain-ids held are counted, so
 * "holds a piece found through DID d" costs a scan of the few distinct DIDs only.
 */
public final class PieceSet {

    /** The sizes a second-level leaf can have: 4 KiB, 2 MiB, 1 GiB. */
    private static final long[] LEAF_MASKS = {0xFFFL, 0x1F_FFFFL, 0x3FFF_FFFFL};

    private long[] iovas = new long[16];
    private long[] masks = new long[16];
    private long[] translated = new long[16];
    private byte[] permissions = new byte[16];
    private long[] leafIovas = new long[16];
    private long[] leafMasks = new long[16];
    private int[] domains = new int[16];
    private int size;

    private int[] heldDomains = new int[4];
    private int[] heldCounts = new int[4];
    private int heldKinds;

    public int size() {
        return size;
    }

    public long iova(int index) {
        return iovas[index];
    }

    public long mask(int index) {
        return masks[index];
    }

    /** The last IOVA of the piece at {@code index}. */
    public long last(int index) {
        return iovas[index] + masks[index];
    }

    public long translated(int index) {
        return translated[index];
    }

    /** R in bit 0, W in bit 1. */
    public int permission(int index) {
        return permissions[index];
    }

    /** The first IOVA of the leaf the piece at {@code index} was cut from. */
    public long leafIova(int index) {
        return leafIovas[index];
    }

    /** The size mask of the leaf the piece at {@code index} was cut from. */
    public long leafMask(int index) {
        return leafMasks[index];
    }

    /** The domain-id of the context entry the piece at {@code index} was found through. */
    public int domain(int index) {
        return domains[index];
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

    /** The index of the first piece whose last IOVA is at or above {@code first} (unsigned); size if none. */
    public int firstEndingAtOrAfter(long first) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(iovas[middle] + masks[middle], first) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The index of the first piece whose IOVA is above {@code last} (unsigned), at or after {@code from}. */
    public int firstStartingAfter(int from, long last) {
        int low = from;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(iovas[middle], last) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The index of a piece whose leaf contains {@code address}, or -1. Leaves are naturally aligned 4K, 2M or 1G
     * blocks and the leaves a shadow holds pieces of are disjoint (an update removes every piece of every held
     * leaf meeting its widened range), so the leaf containing the address, if held, owns the first piece inside
     * the block of its size around the address: three binary searches.
     */
    public int leafContaining(long address) {
        for (long leafMask : LEAF_MASKS) {
            long blockFirst = address & ~leafMask;
            int at = firstStartingAtOrAfter(blockFirst);
            if (at < size && Long.compareUnsigned(iovas[at], blockFirst + leafMask) <= 0
                    && Long.compareUnsigned(leafIovas[at], address) <= 0
                    && Long.compareUnsigned(address, leafIovas[at] + leafMasks[at]) <= 0) {
                return at;
            }
        }
        return -1;
    }

    private int firstStartingAtOrAfter(long first) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(iovas[middle], first) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Removes every piece. */
    public void clear() {
        size = 0;
        heldKinds = 0;
    }

    /**
     * Replaces the pieces {@code from..to-1} with the pieces of {@code with}, found through domain-id {@code did};
     * {@code with} must fit there in IOVA order without overlapping the pieces kept.
     */
    public void replace(int from, int to, PieceList with, int did) {
        int run = 0;
        for (int i = from; i < to; i++) {
            run++;
            if (i + 1 == to || domains[i + 1] != domains[i]) {
                countDomain(domains[i], -run);
                run = 0;
            }
        }
        int added = with.size();
        int newSize = size - (to - from) + added;
        if (newSize > iovas.length) {
            grow(Math.max(newSize, iovas.length * 2));
        }
        int tail = size - to;
        if (from + added != to && tail > 0) {
            System.arraycopy(iovas, to, iovas, from + added, tail);
            System.arraycopy(masks, to, masks, from + added, tail);
            System.arraycopy(translated, to, translated, from + added, tail);
            System.arraycopy(permissions, to, permissions, from + added, tail);
            System.arraycopy(leafIovas, to, leafIovas, from + added, tail);
            System.arraycopy(leafMasks, to, leafMasks, from + added, tail);
            System.arraycopy(domains, to, domains, from + added, tail);
        }
        for (int i = 0; i < added; i++) {
            int at = from + i;
            iovas[at] = with.iova(i);
            masks[at] = with.mask(i);
            translated[at] = with.translated(i);
            permissions[at] = (byte) with.rights(i);
            leafIovas[at] = with.leafIova(i);
            leafMasks[at] = with.leafMask(i);
            domains[at] = did;
        }
        if (added > 0) {
            countDomain(did, added);
        }
        size = newSize;
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

    private void grow(int capacity) {
        iovas = Arrays.copyOf(iovas, capacity);
        masks = Arrays.copyOf(masks, capacity);
        translated = Arrays.copyOf(translated, capacity);
        permissions = Arrays.copyOf(permissions, capacity);
        leafIovas = Arrays.copyOf(leafIovas, capacity);
        leafMasks = Arrays.copyOf(leafMasks, capacity);
        domains = Arrays.copyOf(domains, capacity);
    }
}
