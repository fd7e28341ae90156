package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.table.FsPte;
import io.vtdoracle.impl.table.SlPte;

/**
 * The first-stage translation of a request without PASID (contract §9.6, VT-d §3.6): a user request that never
 * executes, through 4- or 5-level IA-32e paging tables. It records nothing: {@link #translate} returns
 * {@link DmaRemapper#TRANSLATED} (the result in the {@link Translation}, A set in every entry of the walk and D in
 * the leaf for a write) or a fault code (nothing written).
 */
final class FirstStageWalk {

    private static final int NON_CANONICAL = 0x80;
    private static final int ENTRY_UNREADABLE = 0x70;
    private static final int NOT_PRESENT = 0x71;
    private static final int RESERVED = 0x72;
    private static final int TOP_UNREADABLE = 0x73;
    private static final int SUPERVISOR_PAGE = 0x81;
    private static final int WRITE_DENIED = 0x85;
    private static final int INTERRUPT_ADDRESS = 0x87;

    private final GuestMemory memory;
    private final int aw;
    private final long hawMask;
    private final boolean oneGiBPages;
    /** The addresses of the entries of the current walk, top first. */
    private final long[] entries = new long[5];
    private int level;

    FirstStageWalk(Capabilities capabilities, GuestMemory memory) {
        this.memory = memory;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.oneGiBPages = capabilities.scalableMode().firstStage1GiB();
    }

    /** Translates {@code address} through the {@code levels}-level (4 or 5) tables at {@code table}. */
    int translate(long table, int levels, long address, boolean write, Translation translation) {
        // §3.6.1: bits 63:47 (63:56 with 5-level paging) sign-extend the input address
        long upper = address >> (levels == 5 ? 56 : 47);
        if (upper != 0 && upper != -1) {
            return NON_CANONICAL;
        }
        long user = FsPte.USER;
        long readWrite = FsPte.READ_WRITE;
        for (int level = levels; ; level--) {
            long offset = (long) SlPte.index(address, level) * 8;
            if (!memory.contains(table, offset)) {
                return level == levels ? TOP_UNREADABLE : ENTRY_UNREADABLE;
            }
            long pte = memory.read(table + offset);
            if ((pte & FsPte.PRESENT) == 0) {
                return NOT_PRESENT;
            }
            if (FsPte.reservedSet(pte, level, aw, oneGiBPages)) {
                return RESERVED;
            }
            user &= pte;
            readWrite &= pte;
            entries[levels - level] = table + offset;
            if (FsPte.leaf(pte, level)) {
                return leaf(pte, level, levels, address, write, user != 0, readWrite != 0, translation);
            }
            table = FsPte.address(pte, hawMask);
        }
    }

    private int leaf(long pte, int level, int levels, long address, boolean write, boolean user, boolean writable,
                     Translation translation) {
        // §3.6.2: a request without PASID is a user request
        if (!user) {
            return SUPERVISOR_PAGE;
        }
        if (write && !writable) {
            return WRITE_DENIED;
        }
        long mask = (1L << SlPte.shift(level)) - 1;
        long translated = FsPte.address(pte, hawMask) & ~mask | (address & mask);
        if (Operation.inInterruptWindow(translated)) {
            return INTERRUPT_ADDRESS;
        }
        this.level = level;
        // §3.6.2: A in every entry of the walk, D in the leaf of a write, before the result
        int walked = levels - level + 1;
        for (int i = 0; i < walked; i++) {
            long flags = FsPte.ACCESSED | (write && i == walked - 1 ? FsPte.DIRTY : 0);
            memory.write(entries[i], memory.read(entries[i]) | flags);
        }
        return translation.set(translated, mask, writable ? SlPte.READ | SlPte.WRITE : SlPte.READ);
    }

    /** The level of the leaf of the last successful {@link #translate} (1, 2 or 3). */
    int level() {
        return level;
    }
}
