package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.table.SlPte;

/**
 * The second-level page walk (contract §3 step 6), shared by legacy mode and the scalable-mode second stage (contract
 * §9.5), which differ only in their fault codes. It reads guest memory and records nothing: {@link #walk} returns
 * {@link DmaRemapper#TRANSLATED} with the leaf in {@link #base()}, {@link #mask()}, {@link #rights()} and
 * {@link #level()}, or a fault code.
 */
final class SecondLevelWalk {

    private final GuestMemory memory;
    private final int aw;
    private final long hawMask;
    private final boolean superpages;
    private long base;
    private long mask;
    private int rights;
    private int level;

    SecondLevelWalk(Capabilities capabilities, GuestMemory memory) {
        this.memory = memory;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.superpages = capabilities.superpages();
    }

    /** Walks {@code levels} levels from {@code table} for {@code address}. */
    int walk(long table, int levels, long address, boolean write, WalkFaults faults) {
        int accumulated = SlPte.READ | SlPte.WRITE;
        for (int at = levels; ; at--) {
            long offset = (long) SlPte.index(address, at) * 8;
            if (!memory.contains(table, offset)) {
                return at == levels ? faults.topUnreadable : faults.unreadable;
            }
            long pte = memory.read(table + offset);
            if (SlPte.rights(pte) == 0) {
                return write ? faults.notPresentWrite : faults.notPresentRead;
            }
            if (SlPte.reservedSet(pte, at, aw, superpages)) {
                return faults.reserved;
            }
            accumulated &= SlPte.rights(pte);
            if (SlPte.leaf(pte, at)) {
                base = SlPte.address(pte, hawMask);
                mask = (1L << SlPte.shift(at)) - 1;
                rights = accumulated;
                level = at;
                return DmaRemapper.TRANSLATED;
            }
            table = SlPte.address(pte, hawMask);
        }
    }

    long base() {
        return base;
    }

    long mask() {
        return mask;
    }

    /** Accumulated R (bit 0) and W (bit 1). */
    int rights() {
        return rights;
    }

    int level() {
        return level;
    }
}
