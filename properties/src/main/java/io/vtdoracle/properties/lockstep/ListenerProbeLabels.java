package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.properties.command.AliasTable;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Flush;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.Listen;
import io.vtdoracle.properties.command.ListenerSpec;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.ReplayListener;
import io.vtdoracle.properties.command.SetPteBits;
import io.vtdoracle.properties.command.SyncScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Labels of the states that make a listener's updates hard to cut or widen (contract §7.1 to §7.3): page tables in
 * a domain a device with a MAP listener translates through, and listener ranges. One instance per case.
 *
 * <ul>
 *   <li>{@value #RUN_INTO_WINDOW}: several leaves mapped in one go whose targets or IOVAs run into the interrupt
 *       window;</li>
 *   <li>{@value #PSI_INSIDE_RESHAPED}: a page-selective invalidation starting or ending inside a 2 MiB or 1 GiB
 *       block whose leaves changed size (or whose entry was tampered with) without an invalidation;</li>
 *   <li>{@value #DESCENDING}: a leaf mapped next above a leaf of its size whose target is exactly one leaf higher
 *       (adjacent leaves whose outputs descend);</li>
 *   <li>{@value #UNALIGNED_RANGE}: a listener registered for a range that starts or ends inside a page;</li>
 *   <li>{@value #EMPTIED_TABLES}: a MAP listener replayed over at least 9 blocks of 2 MiB that held 4 KiB leaves
 *       and hold none now (the driver keeps their emptied tables);</li>
 *   <li>{@value #SHARED_FRAME}: a 4 KiB leaf mapped to the frame of the 4 KiB leaf one or two pages below it (one
 *       frame at adjacent or nearby IOVAs);</li>
 *   <li>{@value #ALIASED_TABLES}: a domain-selective or global IOTLB invalidation, or a MAP listener's replay,
 *       while an entry of the listened domain points at one of its tables of another level (cross-level
 *       aliasing: one table reached at two levels in one walk).</li>
 * </ul>
 */
final class ListenerProbeLabels {

    static final String RUN_INTO_WINDOW = "listener-run-into-window";
    static final String PSI_INSIDE_RESHAPED = "psi-inside-reshaped-superpage";
    static final String EMPTIED_TABLES = "listener-walk-over-9-emptied-tables";
    static final String UNALIGNED_RANGE = "listener-range-unaligned";
    static final String DESCENDING = "listener-leaves-descending";
    static final String SHARED_FRAME = "listener-leaves-share-a-frame";
    static final String ALIASED_TABLES = "listener-walk-over-aliased-tables";

    private static final long BLOCK_2M = PageSize.SIZE_2M.bytes();

    /** Per domain, the blocks (first IOVA to size) reshaped since the last invalidation that covered them. */
    private final Map<Integer, Map<Long, Long>> reshaped = new HashMap<>();
    /** Per domain, the target each leaf was last mapped to. */
    private final Map<Integer, Map<Long, Long>> targets = new HashMap<>();
    /** Per domain, the 2 MiB blocks that held 4 KiB leaves. */
    private final Map<Integer, Set<Long>> tabled = new HashMap<>();
    /** The domains with an entry pointed at a table of another level ({@link AliasTable}) and not cleared since. */
    private final Set<Integer> aliased = new HashSet<>();

    /** Labels of {@code command}, run in {@code view} (still showing the state before it). */
    List<String> ofCommand(GuestView view, Command command) {
        List<String> labels = new ArrayList<>();
        if (command instanceof MapRange m) {
            if (runsIntoWindow(m) && listened(view, m.did())) {
                labels.add(RUN_INTO_WINDOW);
            }
            if (sharesFrame(view, m) && listened(view, m.did())) {
                labels.add(SHARED_FRAME);
            }
            if (descends(view, m) && listened(view, m.did())) {
                labels.add(DESCENDING);
            }
            if (m.flush() == Flush.FORGOTTEN) {
                recordReshapes(view, m);
            }
            if (m.size() == PageSize.SIZE_4K) {
                Set<Long> blocks = tabled.computeIfAbsent(m.did(), d -> new HashSet<>());
                for (int i = 0; i < m.count(); i++) {
                    blocks.add((m.iova() + i * m.size().bytes()) & -BLOCK_2M);
                }
            }
        } else if (command instanceof SetPteBits s && s.set() && s.level() >= 2) {
            long bytes = 1L << (12 + 9 * (s.level() - 1));
            reshaped.computeIfAbsent(s.did(), d -> new HashMap<>()).put(s.iova() & -bytes, bytes);
        } else if (command instanceof Invalidate i && i.invalidation().kind().pageSelective()
                && insideReshaped(i.invalidation()) && listened(view, i.invalidation().did())) {
            labels.add(PSI_INSIDE_RESHAPED);
        } else if (command instanceof Listen l && Long.compareUnsigned(l.spec().first(), l.spec().last()) <= 0
                && ((l.spec().first() & 0xFFF) != 0 || (l.spec().last() & 0xFFF) != 0xFFF)) {
            labels.add(UNALIGNED_RANGE);
        } else if (command instanceof ReplayListener r && overEmptiedTables(view, view.listeners().get(r.id()))) {
            labels.add(EMPTIED_TABLES);
        }
        if (command instanceof AliasTable a && a.writes(view)) {
            if (a.set()) {
                aliased.add(a.did());
            } else {
                aliased.remove(a.did());
            }
        } else if (command instanceof Invalidate i && overAliasedTables(view, i.invalidation())
                || command instanceof ReplayListener r && overAliasedTables(view, view.listeners().get(r.id()))) {
            labels.add(ALIASED_TABLES);
        }
        return labels;
    }

    /** After a command: an invalidation forgets the reshaped blocks it covers (all of them unless page-selective). */
    void afterCommand(List<SyncScope> syncs) {
        for (SyncScope sync : syncs) {
            if (sync.kind() != SyncScope.Kind.IOTLB_PAGE && sync.kind() != SyncScope.Kind.PIOTLB_PAGE) {
                reshaped.clear();
                return;
            }
            Map<Long, Long> blocks = reshaped.getOrDefault(sync.did(), Map.of());
            blocks.entrySet().removeIf(b -> sync.first() <= b.getKey()
                    && b.getKey() + b.getValue() - 1 <= sync.last());
        }
    }

    /**
     * Whether the first leaf of {@code m}, of 4 KiB, has the frame of the 4 KiB leaf one or two pages below it (before
     * {@link #descends} records its target).
     */
    private boolean sharesFrame(GuestView view, MapRange m) {
        if (m.size() != PageSize.SIZE_4K) {
            return false;
        }
        Map<Long, Long> mapped = targets.getOrDefault(m.did(), Map.of());
        NavigableMap<Long, PageSize> leaves = view.leaves(m.did());
        for (long below = m.iova() - 0x1000; below >= m.iova() - 0x2000; below -= 0x1000) {
            if (leaves.get(below) == PageSize.SIZE_4K && Long.valueOf(m.target()).equals(mapped.get(below))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a domain-selective or global IOTLB invalidation walks a listened domain with aliased tables. */
    private boolean overAliasedTables(GuestView view, Invalidation invalidation) {
        return switch (invalidation.kind()) {
            case IOTLB_GLOBAL -> aliased.stream().anyMatch(did -> listened(view, did));
            case IOTLB_DOMAIN -> aliased.contains(invalidation.did()) && listened(view, invalidation.did());
            default -> false;
        };
    }

    /** Whether a MAP listener's replay walks a domain with aliased tables. */
    private boolean overAliasedTables(GuestView view, ListenerSpec listener) {
        if (listener == null || !listener.flags().contains(ListenerFlag.MAP)) {
            return false;
        }
        Integer did = view.attached().get(listener.source());
        return did != null && aliased.contains(did) && !view.isPassThrough(listener.source());
    }

    /** Whether the first leaf of {@code m} sits above a leaf of its size mapped one leaf higher; records targets. */
    private boolean descends(GuestView view, MapRange m) {
        Map<Long, Long> mapped = targets.computeIfAbsent(m.did(), d -> new HashMap<>());
        long bytes = m.size().bytes();
        Long below = mapped.get(m.iova() - bytes);
        boolean descends = below != null && below == m.target() + bytes
                && view.leaves(m.did()).get(m.iova() - bytes) == m.size();
        for (int i = 0; i < m.count(); i++) {
            mapped.put(m.iova() + i * bytes, m.target() + i * bytes);
        }
        return descends;
    }

    private static boolean runsIntoWindow(MapRange m) {
        long bytes = m.count() * m.size().bytes();
        return m.count() >= 2 && m.flush() != Flush.FORGOTTEN
                && (intoWindow(m.target(), bytes) || intoWindow(m.iova(), bytes));
    }

    private static boolean intoWindow(long start, long bytes) {
        return start < Operation.INTERRUPT_WINDOW_FIRST && start + bytes > Operation.INTERRUPT_WINDOW_FIRST;
    }

    /** Whether a device with a MAP listener is attached to {@code did}. */
    private static boolean listened(GuestView view, int did) {
        return view.attached().entrySet().stream().anyMatch(a -> a.getValue() == did
                && view.hasMapListener(a.getKey()));
    }

    /** A leaf mapped over leaves of another size: the block of the larger size changed shape. */
    private void recordReshapes(GuestView view, MapRange m) {
        NavigableMap<Long, PageSize> leaves = view.leaves(m.did());
        long bytes = m.size().bytes();
        for (int i = 0; i < m.count(); i++) {
            long first = m.iova() + i * bytes;
            long last = first + bytes - 1;
            List<Entry<Long, PageSize>> met = new ArrayList<>(leaves.subMap(first, true, last, true).entrySet());
            Entry<Long, PageSize> before = leaves.lowerEntry(first);
            if (before != null && before.getKey() + before.getValue().bytes() - 1 >= first) {
                met.add(before);
            }
            for (Entry<Long, PageSize> leaf : met) {
                if (leaf.getValue() != m.size()) {
                    long size = Math.max(bytes, leaf.getValue().bytes());
                    reshaped.computeIfAbsent(m.did(), d -> new HashMap<>()).put(first & -size, size);
                }
            }
        }
    }

    /** Whether the invalidation meets a reshaped block of its domain without covering it. */
    private boolean insideReshaped(Invalidation invalidation) {
        for (Entry<Long, Long> block : reshaped.getOrDefault(invalidation.did(), Map.of()).entrySet()) {
            long first = block.getKey();
            long last = first + block.getValue() - 1;
            boolean meets = invalidation.first() <= last && first <= invalidation.last();
            if (meets && (invalidation.first() > first || invalidation.last() < last)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a MAP listener's replay walks at least 9 emptied 2 MiB blocks of its device's domain. */
    private boolean overEmptiedTables(GuestView view, ListenerSpec listener) {
        if (listener == null || !view.hasMapListener(listener.source())) {
            return false;
        }
        SourceId source = listener.source();
        Integer did = view.attached().get(source);
        if (did == null || view.isPassThrough(source)) {
            return false;
        }
        NavigableMap<Long, PageSize> leaves = view.leaves(did);
        long emptied = tabled.getOrDefault(did, Set.of()).stream()
                .filter(b -> listener.first() <= b && b + BLOCK_2M - 1 <= listener.last())
                .filter(b -> leaves.subMap(b, true, b + BLOCK_2M - 1, true).isEmpty()
                        && (leaves.lowerEntry(b) == null
                        || leaves.lowerEntry(b).getKey() + leaves.lowerEntry(b).getValue().bytes() <= b))
                .count();
        return emptied >= 9;
    }
}
