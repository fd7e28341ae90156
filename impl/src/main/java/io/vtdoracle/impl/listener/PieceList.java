package io.vtdoracle.impl.listener;

import java.util.Arrays;

/**
 * A listener's target over a range: disjoint pieces appended in ascending IOVA, each with the leaf it was cut
 * from (its IOVA and size mask).
 */
final class PieceList {

    private long[] iovas = new long[64];
    private long[] masks = new long[64];
    private long[] translated = new long[64];
    private byte[] rights = new byte[64];
    private long[] leafIovas = new long[64];
    private long[] leafMasks = new long[64];
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

    long leafIova(int index) {
        return leafIovas[index];
    }

    long leafMask(int index) {
        return leafMasks[index];
    }

    void clear() {
        size = 0;
    }

    void add(long iova, long mask, long translatedAddress, int pieceRights, long leafIova, long leafMask) {
        if (size == iovas.length) {
            int capacity = size * 2;
            iovas = Arrays.copyOf(iovas, capacity);
            masks = Arrays.copyOf(masks, capacity);
            translated = Arrays.copyOf(translated, capacity);
            rights = Arrays.copyOf(rights, capacity);
            leafIovas = Arrays.copyOf(leafIovas, capacity);
            leafMasks = Arrays.copyOf(leafMasks, capacity);
        }
        iovas[size] = iova;
        masks[size] = mask;
        translated[size] = translatedAddress;
        rights[size] = (byte) pieceRights;
        leafIovas[size] = leafIova;
        leafMasks[size] = leafMask;
        size++;
    }
}
