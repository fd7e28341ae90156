package io.vtdoracle.impl.listener;

import java.util.Arrays;

/** Second-level leaves found by a walk, in ascending IOVA (so disjoint): IOVA, size mask, output base and rights. */
final class LeafList {

    private long[] iovas = new long[64];
    private long[] masks = new long[64];
    private long[] bases = new long[64];
    private byte[] rights = new byte[64];
    private int size;

    int size() {
        return size;
    }

    long iova(int index) {
        return iovas[index];
    }

    long mask(int index) {
        return masks[index];
    }

    long base(int index) {
        return bases[index];
    }

    int rights(int index) {
        return rights[index];
    }

    /** The index of the first leaf whose last IOVA is at or above {@code first} (unsigned); size if none. */
    int firstEndingAtOrAfter(long first) {
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

    void clear() {
        size = 0;
    }

    void add(long iova, long mask, long base, int leafRights) {
        if (size == iovas.length) {
            int capacity = size * 2;
            iovas = Arrays.copyOf(iovas, capacity);
            masks = Arrays.copyOf(masks, capacity);
            bases = Arrays.copyOf(bases, capacity);
            rights = Arrays.copyOf(rights, capacity);
        }
        iovas[size] = iova;
        masks[size] = mask;
        bases[size] = base;
        rights[size] = (byte) leafRights;
        size++;
    }
}
