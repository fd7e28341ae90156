package io.vtdoracle.model.memory;

import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Guest memory as the remapping unit sees it: 64-bit little-endian words from address 0 up to its size, every
 * word 0 until written (contract §1). The unit reads its tables here; a read outside fails.
 */
public record GuestMemory(long sizeBytes, Map<Long, Long> words) {

    public static GuestMemory zeroed(long sizeBytes) {
        return new GuestMemory(sizeBytes, HashMap.empty());
    }

    public boolean contains(long address) {
        return address >= 0 && address < sizeBytes;
    }

    /** The word at {@code address & ~7}, or none outside memory. */
    public Option<Long> read(long address) {
        return contains(address) ? Option.some(words.get(address & ~7L).getOrElse(0L)) : Option.none();
    }

    /** The {@code count} words from {@code address & ~7} up, or none if any of them is outside memory. */
    public Option<Vector<Long>> readWords(long address, int count) {
        Vector<Option<Long>> read = Vector.range(0, count).map(index -> read(address + 8L * index));
        return read.exists(Option::isEmpty) ? Option.none() : Option.some(read.map(Option::get));
    }

    /** Memory with the word at {@code address & ~7} replaced, or none outside memory. */
    public Option<GuestMemory> write(long address, long value) {
        if (!contains(address)) {
            return Option.none();
        }
        long word = address & ~7L;
        if (words.get(word).getOrElse(0L) == value) {
            // the same memory, not an equal copy: states that differ in no word compare in constant time
            return Option.some(this);
        }
        return Option.some(new GuestMemory(sizeBytes, value == 0 ? words.remove(word) : words.put(word, value)));
    }

    /** Memory with the 32-bit little-endian value at {@code address & ~3} replaced, or none outside memory. */
    public Option<GuestMemory> writeDword(long address, int value) {
        long word = address & ~7L;
        int shift = (address & 4) == 0 ? 0 : 32;
        return read(word).flatMap(old -> write(word,
                (old & ~(0xFFFF_FFFFL << shift)) | ((value & 0xFFFF_FFFFL) << shift)));
    }
}
