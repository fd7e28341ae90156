package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import java.util.HashMap;
import java.util.Map;

/**
 * What guest memory holds, as the property code sees it: every {@link Operation.WriteMemory} inside memory and
 * every {@link Event.StatusWritten} of a wait descriptor. Independent of the model and the implementation.
 */
public final class MemoryMirror {

    private final long size;
    private final Map<Long, Long> words = new HashMap<>();

    public MemoryMirror(long size) {
        this.size = size;
    }

    /** Whether the 8-byte word at {@code address & ~7} lies in guest memory. */
    public boolean readable(long address) {
        return address >= 0 && (address & ~7L) + 8 <= size;
    }

    /** The word at {@code address & ~7} (0 if never written); the caller checks {@link #readable}. */
    public long read(long address) {
        return words.getOrDefault(address & ~7L, 0L);
    }

    public void write(long address, long value) {
        if (readable(address)) {
            words.put(address & ~7L, value);
        }
    }

    /** A 32-bit status write at {@code address & ~3}. */
    public void writeStatus(long address, int data) {
        long at = address & ~3L;
        if (!readable(at)) {
            return;
        }
        long old = read(at);
        long value = (at & 4) == 0
                ? (old & 0xFFFF_FFFF_0000_0000L) | (data & 0xFFFF_FFFFL)
                : (old & 0xFFFF_FFFFL) | (long) data << 32;
        words.put(at & ~7L, value);
    }

    /** Follows what {@code operation} and its {@code events} did to memory. */
    public void observe(Operation operation, Iterable<Event> events) {
        if (operation instanceof Operation.WriteMemory write) {
            write(write.address(), write.value());
        }
        for (Event event : events) {
            if (event instanceof Event.StatusWritten status) {
                writeStatus(status.address(), status.data());
            }
        }
    }
}
