package io.vtdoracle.impl.cache;

import java.util.Arrays;

/**
 * The IOTLB: cached second-level translations keyed by (source-id, page number, level), as an open-addressing hash
 * table with linear probing over parallel primitive arrays. Level 1 entries map 4 KiB, level 2 entries 2 MiB and
 * level 3 entries 1 GiB; the page number is the input address shifted right by 12 and aligned down to the entry's
 * size. Each entry holds the leaf (output page address with the accumulated R and W rights in bits 1:0) and a
 * 64-bit tag whose low 16 bits are the domain-id the translation was made for ({@link IotlbTag}: the remaining bits
 * say the mode, PASID and kind of a scalable-mode translation).
 *
 * <p>The table holds at most {@code capacity} entries; inserting into a full table evicts one entry, chosen by a
 * clock hand that sweeps the slots. Deletion shifts later entries of the probe cluster back, so no tombstones are
 * needed and lookups stay short. Lookup, insertion and {@link #leaf}/{@link #tag} allocate nothing.
 */
public final class Iotlb {

    /** Default capacity, QEMU's VTD_IOTLB_MAX_SIZE. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final long EMPTY = 0;
    private static final int LEVEL_SHIFT = 52;
    private static final int SID_SHIFT = 36;
    private static final long PAGE_NUMBER_MASK = (1L << SID_SHIFT) - 1;

    private final int capacity;
    private final int slotMask;
    private final int hashShift;
    private final long[] keys;
    private final long[] leaves;
    private final long[] tags;
    private int count;
    private int hand;

    public Iotlb(int capacity) {
        if (capacity < 1 || capacity > 1 << 28) {
            throw new IllegalArgumentException("IOTLB capacity must be 1..2^28: " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity) << 2;
        this.slotMask = slots - 1;
        this.hashShift = 64 - Integer.numberOfTrailingZeros(slots);
        this.keys = new long[slots];
        this.leaves = new long[slots];
        this.tags = new long[slots];
    }

    /** Most entries the table holds. */
    public int capacity() {
        return capacity;
    }

    /** Entries held now. */
    public int size() {
        return count;
    }

    /** Bytes mapped by an entry of this level (1, 2 or 3). */
    public static long levelSize(int level) {
        return 1L << (12 + 9 * (level - 1));
    }

    /**
     * The slot of the entry translating {@code address} (below 2^48) for {@code sid}, trying 4 KiB, 2 MiB and
     * 1 GiB entries in that order; -1 when none.
     */
    public int find(int sid, long address) {
        for (int level = 1; level <= 3; level++) {
            int slot = slotOf(key(sid, address, level));
            if (slot >= 0) {
                return slot;
            }
        }
        return -1;
    }

    /** The leaf of the entry in {@code slot}: output page address with R (bit 0) and W (bit 1). */
    public long leaf(int slot) {
        return leaves[slot];
    }

    /** The tag of the entry in {@code slot} (domain-id in bits 15:0). */
    public long tag(int slot) {
        return tags[slot];
    }

    /** The level of the entry in {@code slot}. */
    public int level(int slot) {
        return (int) (keys[slot] >>> LEVEL_SHIFT);
    }

    /** Caches a translation of {@code address} by a leaf at {@code level}, replacing one with the same key. */
    public void insert(int sid, long address, int level, long leaf, long tag) {
        long key = key(sid, address, level);
        int slot = slotOf(key);
        if (slot < 0) {
            if (count == capacity) {
                evictOne();
            }
            slot = home(key);
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & slotMask;
            }
            keys[slot] = key;
            count++;
        }
        leaves[slot] = leaf;
        tags[slot] = tag;
    }

    /** Removes every entry (global invalidation). */
    public void clear() {
        Arrays.fill(keys, EMPTY);
        count = 0;
    }

    /** Removes the entries tagged with domain {@code did} (domain-selective invalidation). */
    public void invalidateDomain(int did) {
        invalidateRange(did, 0, -1L);
    }

    /** Removes the entries of domain {@code did} that map any byte of {@code first..last} (unsigned). */
    public void invalidateRange(int did, long first, long last) {
        invalidateTagged(IotlbTag.DID, did, first, last);
    }

    /**
     * Removes the entries whose tag has {@code value} in the bits of {@code mask} and that map any byte of
     * {@code first..last} (unsigned).
     */
    public void invalidateTagged(long mask, long value, long first, long last) {
        if (count == 0) {
            return;
        }
        int start = 0;
        while (keys[start] != EMPTY) {
            start++;
        }
        // Scanning from an empty slot, no probe cluster wraps past the scan's start, so a back-shift only moves
        // entries into the hole just examined or into slots not yet scanned.
        for (int i = 1; i <= slotMask; ) {
            int slot = (start + i) & slotMask;
            long key = keys[slot];
            if (key != EMPTY && (tags[slot] & mask) == value && overlaps(key, first, last)) {
                delete(slot);
            } else {
                i++;
            }
        }
    }

    private static boolean overlaps(long key, long first, long last) {
        long base = (key & PAGE_NUMBER_MASK) << 12;
        long end = base + levelSize((int) (key >>> LEVEL_SHIFT)) - 1;
        return Long.compareUnsigned(base, last) <= 0 && Long.compareUnsigned(first, end) <= 0;
    }

    private void evictOne() {
        while (keys[hand] == EMPTY) {
            hand = (hand + 1) & slotMask;
        }
        delete(hand);
        hand = (hand + 1) & slotMask;
    }

    /** Deletes the entry in {@code slot}, shifting back the entries of its cluster that probed past it. */
    private void delete(int slot) {
        int hole = slot;
        int next = (hole + 1) & slotMask;
        while (keys[next] != EMPTY) {
            int home = home(keys[next]);
            // The entry at next may fill the hole if its home is not cyclically within (hole, next].
            boolean homeInRange = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!homeInRange) {
                keys[hole] = keys[next];
                leaves[hole] = leaves[next];
                tags[hole] = tags[next];
                hole = next;
            }
            next = (next + 1) & slotMask;
        }
        keys[hole] = EMPTY;
        count--;
    }

    private int slotOf(long key) {
        int slot = home(key);
        long k;
        while ((k = keys[slot]) != EMPTY) {
            if (k == key) {
                return slot;
            }
            slot = (slot + 1) & slotMask;
        }
        return -1;
    }

    private int home(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> hashShift) & slotMask;
    }

    private static long key(int sid, long address, int level) {
        long pageNumber = (address & -levelSize(level)) >>> 12;
        return (long) level << LEVEL_SHIFT | (long) sid << SID_SHIFT | (pageNumber & PAGE_NUMBER_MASK);
    }
}
