package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * A small second-level page walker written for the properties, from docs/semantics.md §3 and §7.1 alone (it shares
 * no code with the model or the implementation): the fresh context of a device and the mappings its page tables
 * give, as a listener should see them.
 */
public final class PageWalker {

    /** A present, valid context entry: its domain, translation type and tables. */
    public record Context(int did, boolean passThrough, int levels, long table) {
    }

    private final Capabilities capabilities;
    private final MemoryMirror memory;
    private final long haw;

    public PageWalker(Capabilities capabilities, MemoryMirror memory) {
        this.capabilities = capabilities;
        this.memory = memory;
        this.haw = (1L << capabilities.addressWidth()) - 1;
    }

    /** The context of {@code source} read fresh through root table {@code rta}, if it neither faults nor is absent. */
    public Optional<Context> context(long rta, SourceId source) {
        long rootAddress = rta + 16L * source.bus();
        if (!memory.readable(rootAddress)) {
            return Optional.empty();
        }
        long rootLow = memory.read(rootAddress);
        long rootHigh = memory.read(rootAddress + 8);
        if ((rootLow & 1) == 0 || rootHigh != 0 || (rootLow & 0xFFE) != 0 || (rootLow & ~haw) != 0) {
            return Optional.empty();
        }
        long entry = (rootLow & ~0xFFFL) + 16L * source.devfn();
        if (!memory.readable(entry)) {
            return Optional.empty();
        }
        long low = memory.read(entry);
        long high = memory.read(entry + 8);
        if ((low & 1) == 0 || (low & 0xFF0) != 0 || (low & ~haw) != 0 || (high & 0x80) != 0 || (high >>> 24) != 0) {
            return Optional.empty();
        }
        int aw = (int) (high & 7);
        boolean supported = aw == 1 || (aw == 2 && capabilities.addressWidth() == 48);
        int tt = (int) (low >>> 2) & 3;
        if (!supported || tt == 3 || (tt == 1 && !capabilities.deviceTlb())
                || (tt == 2 && !capabilities.passThrough())) {
            return Optional.empty();
        }
        return Optional.of(new Context((int) (high >>> 8) & 0xFFFF, tt == 2, aw + 2, low & ~0xFFFL & haw));
    }

    /**
     * The mappings of {@code source} (contract §7.1): none with translation off, pass-through or a faulting
     * context; otherwise every leaf with accumulated permission, minus output addresses in the interrupt window.
     * Empty if the walk would visit more than {@code limit} table entries (tables that alias each other) or read a
     * table at a page {@code unstable} names (a page the guest driver rewrites within one command, such as its
     * invalidation queue, so that the tables differ from one operation to the next).
     */
    public Optional<Mappings> mappings(boolean translationEnabled, long rta, SourceId source, int limit,
                                       LongPredicate unstable) {
        Mappings result = new Mappings();
        if (!translationEnabled) {
            return Optional.of(result);
        }
        long[] budget = {limit};
        Optional<Context> context = context(rta, source).filter(c -> !c.passThrough());
        boolean complete = context.map(c -> walk(result, c.levels(), c.table(), 0, Permission.READ_WRITE, budget,
                unstable)).orElse(true);
        return complete ? Optional.of(result) : Optional.empty();
    }

    /**
     * The mappings of second-level tables of {@code levels} levels at {@code table} (a scalable-mode second stage,
     * contract §9.10), as above; empty if the walk would visit more than {@code limit} table entries or read an
     * {@code unstable} page.
     */
    public Optional<Mappings> mappings(int levels, long table, int limit, LongPredicate unstable) {
        Mappings result = new Mappings();
        long[] budget = {limit};
        return walk(result, levels, table & haw, 0, Permission.READ_WRITE, budget, unstable) ? Optional.of(result)
                : Optional.empty();
    }

    /** Walks one table; false once more than the budget's entries have been visited or an unstable page is read. */
    private boolean walk(Mappings out, int level, long table, long iovaBase, Permission above, long[] budget,
                         LongPredicate unstable) {
        if (!memory.readable(table)) {
            return true;
        }
        if (unstable.test(table)) {
            return false;
        }
        int shift = 12 + 9 * (level - 1);
        for (int index = 0; index < 512; index++) {
            if (--budget[0] < 0) {
                return false;
            }
            long entry = memory.read(table + 8L * index);
            if ((entry & 3) == 0 || reserved(entry, level)) {
                continue;
            }
            Permission permission = above.and(Permission.of((entry & 1) != 0, (entry & 2) != 0));
            long iova = iovaBase + ((long) index << shift);
            boolean leaf = level == 1 || ((level == 2 || level == 3) && (entry & 0x80) != 0);
            if (!leaf) {
                if (!walk(out, level - 1, entry & ~0xFFFL & haw, iova, permission, budget, unstable)) {
                    return false;
                }
            } else if (permission != Permission.NONE) {
                long size = 1L << shift;
                addOutsideWindow(out, iova, size, entry & haw & ~(size - 1), permission);
            }
        }
        return true;
    }

    private boolean reserved(long entry, int level) {
        if ((entry & ((1L << 52) - 1) & ~haw) != 0 || (entry & (1L << 62)) != 0 || (entry & (1L << 11)) != 0) {
            return true;
        }
        boolean ps = (entry & 0x80) != 0;
        if (level == 4 && ps) {
            return true;
        }
        if ((level == 2 || level == 3) && ps) {
            if (!capabilities.superpages()) {
                return true;
            }
            long alignment = level == 2 ? 0x1F_F000L : 0x3FFF_F000L;
            return (entry & alignment) != 0;
        }
        return false;
    }

    /** Adds a leaf, cutting out the IOVAs whose output falls in the interrupt window (contract §7.2). */
    private static void addOutsideWindow(Mappings out, long iova, long size, long base, Permission permission) {
        long delta = base - iova;
        long last = iova + size - 1;
        long windowFirst = Operation.INTERRUPT_WINDOW_FIRST - delta;
        long windowLast = Operation.INTERRUPT_WINDOW_LAST - delta;
        if (windowLast < iova || windowFirst > last) {
            out.add(iova, last, delta, permission);
            return;
        }
        out.add(iova, Math.min(last, windowFirst - 1), delta, permission);
        out.add(Math.max(iova, windowLast + 1), last, delta, permission);
    }
}
