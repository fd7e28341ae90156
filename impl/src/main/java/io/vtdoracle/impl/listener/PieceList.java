package io.vtdoracle.impl.listener;

import java.util.Arrays;

/** A listener's target: disjoint pieces appended in ascending IOVA, searchable by exact match. */
final class PieceList {

    private long[] iovas = new long[64];
    private long[] masks = new long[64];
    private long[] translated = new long[64];
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

    long translated(int index) {
        return translated[index];
    }

    int rights(int index) {
        return rights[index];
    }

    void clear() {
        size = 0;
    }

    void add(long iova, long mask, long translatedAddress, int pieceRights) {
        if (size == iovas.length) {
            int capacity = size * 2;
            iovas = Arrays.copyOf(iovas, capacity);
            masks = Arrays.copyOf(masks, capacity);
            translated = Arrays.copyOf(translated, capacity);
            rights = Arrays.copyOf(rights, capacity);
        }
        iovas[size] = iova;
        masks[size] = mask;
        translated[size] = translatedAddress;
        rights[size] = (byte) pieceRights;
        size++;
    }

    /** Whether exactly this piece is in the list. */
    boolean contains(long iova, long mask, long translatedAddress, int pieceRights) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Long.compareUnsigned(iovas[middle], iova);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return masks[middle] == mask && translated[middle] == translatedAddress
                        && rights[middle] == pieceRights;
            }
        }
        return false;
    }
}
