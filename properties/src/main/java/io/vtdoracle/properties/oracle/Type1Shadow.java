package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.Permission;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a VFIO type1 container holds for one listener: the DMA mappings it was told, with type1's rules. A MAP over
 * an IOVA that is already mapped fails (EEXIST); a MAP while the container holds its {@code dma_entry_limit} of
 * mappings fails (ENOSPC; the listener's mapping budget, contract §7.5); an UNMAP fails unless its range is exactly
 * a union of whole mappings with no gap (unmapping an unmapped or partly mapped range).
 */
public final class Type1Shadow {

    private record Entry(long last, long translated, Permission permission) {
    }

    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final int limit;

    /** A container that holds at most {@code limit} mappings. */
    public Type1Shadow(int limit) {
        this.limit = limit;
    }

    /** Applies a MAP; a message if type1 refuses it. */
    public Optional<String> map(long iova, long last, long translated, Permission permission) {
        Map.Entry<Long, Entry> before = entries.floorEntry(last);
        if (before != null && before.getValue().last() >= iova) {
            return Optional.of(String.format("MAP 0x%x..0x%x over mapped 0x%x..0x%x", iova, last,
                    before.getKey(), before.getValue().last()));
        }
        if (entries.size() >= limit) {
            return Optional.of(String.format("MAP 0x%x..0x%x beyond the dma_entry_limit of %d mappings", iova, last,
                    limit));
        }
        entries.put(iova, new Entry(last, translated, permission));
        return Optional.empty();
    }

    /** Applies an UNMAP; a message if type1 refuses it (nothing is removed then). */
    public Optional<String> unmap(long iova, long last) {
        long next = iova;
        Map.Entry<Long, Entry> e = entries.ceilingEntry(iova);
        Map.Entry<Long, Entry> floor = entries.floorEntry(iova);
        if (floor != null && floor.getKey() < iova && floor.getValue().last() >= iova) {
            return Optional.of(String.format("UNMAP 0x%x..0x%x splits mapping 0x%x..0x%x", iova, last,
                    floor.getKey(), floor.getValue().last()));
        }
        while (next <= last) {
            if (e == null || e.getKey() != next) {
                return Optional.of(String.format("UNMAP 0x%x..0x%x of an unmapped range at 0x%x", iova, last, next));
            }
            if (e.getValue().last() > last) {
                return Optional.of(String.format("UNMAP 0x%x..0x%x splits mapping 0x%x..0x%x", iova, last,
                        e.getKey(), e.getValue().last()));
            }
            next = e.getValue().last() + 1;
            if (next == 0) {
                break;
            }
            e = entries.higherEntry(e.getKey());
        }
        entries.subMap(iova, true, last, true).clear();
        return Optional.empty();
    }

    /** The mappings held. */
    public Mappings mappings() {
        Mappings m = new Mappings();
        entries.forEach((iova, e) -> m.add(iova, e.last(), e.translated() - iova, e.permission()));
        return m;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many mappings it holds. */
    public int size() {
        return entries.size();
    }
}
