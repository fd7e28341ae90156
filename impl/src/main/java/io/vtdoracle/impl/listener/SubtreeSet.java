package io.vtdoracle.impl.listener;

import java.util.Arrays;

/**
 * The subtrees one enumeration walked whole without finding a leaf (contract §7.5, bounded work): keys
 * {@code tableAddress | level << 2 | rights} in an open-addressing hash set (0 never is a key: rights are never 0).
 */
final class SubtreeSet {

    private long[] keys = new long[16];
    private int size;

    boolean contains(long key) {
        int mask = keys.length - 1;
        for (int at = slot(key, mask); keys[at] != 0; at = (at + 1) & mask) {
            if (keys[at] == key) {
                return true;
            }
        }
        return false;
    }

    void add(long key) {
        if (2 * (size + 1) > keys.length) {
            long[] old = keys;
            keys = new long[old.length * 2];
            size = 0;
            for (long kept : old) {
                if (kept != 0) {
                    add(kept);
                }
            }
        }
        int mask = keys.length - 1;
        int at = slot(key, mask);
        while (keys[at] != 0) {
            if (keys[at] == key) {
                return;
            }
            at = (at + 1) & mask;
        }
        keys[at] = key;
        size++;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(keys, 0);
            size = 0;
        }
    }

    private static int slot(long key, int mask) {
        long mixed = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (mixed >>> 40) & mask;
    }
}
