package io.vtdoracle.model.paging;

import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.roottable.ContextEntry;

/**
 * The second-level translation of one address through a valid context entry's tables, read fresh from memory
 * (§3.7, §3.7, contract §3 steps 5–9).
 */
public final class PageWalk {

    private PageWalk() {
    }

    /** §3.7: the bit position of the table index at {@code level}: 12, 21, 30, 39 for levels 1 to 4. */
    public static int levelShift(int level) {
        return 12 + 9 * (level - 1);
    }

    /** The offset mask of a page mapped at {@code level}: 0xFFF, 0x1FFFFF, 0x3FFFFFFF (and 2^39 − 1 at level 4). */
    public static long pageMask(int level) {
        return (1L << levelShift(level)) - 1;
    }

    /** §3.7: the index of {@code address}'s entry in a table at {@code level}. */
    public static int index(long address, int level) {
        return (int) (address >>> levelShift(level)) & 0x1FF;
    }

    /**
     * Steps 5–9 for a request of {@code access} to {@code address}: the leaf that translates it, or the fault.
     * The caller handles the context entry (steps 1–4).
     */
    public static Either<FaultReason, Leaf> translate(GuestMemory memory, Capabilities capabilities,
                                                      ContextEntry context, long address, Access access) {
        return walk(memory, capabilities, context, address, access)
                .flatMap(leaf -> authorize(leaf, address, access));
    }

    /**
     * Steps 7–8, which also apply to a leaf taken from the IOTLB (§7.1.3): the accumulated permission must allow
     * the access (5h, 6h), and the output address must not be in the interrupt window (§3.14, Eh).
     */
    public static Either<FaultReason, Leaf> authorize(Leaf leaf, long address, Access access) {
        if (!leaf.permission().allows(access)) {
            return Either.left(notPermitted(access));
        }
        if (Operation.inInterruptWindow(leaf.translate(address))) {
            return Either.left(FaultReason.INTERRUPT_ADDRESS);
        }
        return Either.right(leaf);
    }

    /**
     * Which check a walk makes first at an entry that is present but lacks the request's right and also has a
     * reserved bit set: the specification gives no reporting priority (ambiguity A1, docs/ambiguities.md).
     */
    public enum Order {
        /** The model's reading: Ch for the reserved bit; the permission is checked on the completed walk. */
        RESERVED_FIRST,
        /** QEMU's and VirtualBox's: 5h/6h at the first entry lacking the right, before its reserved bits. */
        PERMISSION_FIRST
    }

    /** Steps 5–6 in the model's reading ({@link Order#RESERVED_FIRST}). */
    public static Either<FaultReason, Leaf> walk(GuestMemory memory, Capabilities capabilities,
                                                  ContextEntry context, long address, Access access) {
        return walk(memory, capabilities, context, address, access, Order.RESERVED_FIRST);
    }

    /**
     * Steps 5–6: the address-width check and the walk from SLPTPTR down to a leaf, with the permission accumulated
     * on the way; the request's own rights are checked by {@link #authorize}. A not-present entry faults with the
     * reason of the request's type.
     */
    public static Either<FaultReason, Leaf> walk(GuestMemory memory, Capabilities capabilities,
                                                  ContextEntry context, long address, Access access,
                                                  Order order) {
        return walkTables(memory, capabilities, context.secondLevelPageTablePointer(), context.levels(), address,
                access, new WalkReadings(order, false, true)).mapLeft(stop -> stop.legacyReason(access));
    }

    /**
     * The second-level (second-stage) walk itself, shared by legacy mode (a context entry's SLPTPTR and AW) and
     * scalable mode (a PASID-table entry's SSPTPTR and AW, §3.7, §9.6): the input address must fit the AGAW of
     * {@code levels} levels (12 + 9·levels bits), then the tables are read from {@code pointer} down to a leaf.
     * Where it stops is named by a {@link WalkStop}, which each mode encodes as its own fault reason. Legacy mode
     * always reads SNP as reserved without ECAP.SC (§9.8); {@code readings} may leave it to a scalable-mode leaf
     * (A8).
     */
    public static Either<WalkStop, Leaf> walkTables(GuestMemory memory, Capabilities capabilities, long pointer,
                                                    int levels, long address, Access access, WalkReadings readings) {
        // §3.7: the input address must fit the AGAW (which never exceeds MGAW + 1 for a valid entry).
        if ((address >>> (12 + 9 * levels)) != 0) {
            return Either.left(WalkStop.BEYOND_ADDRESS_WIDTH);
        }
        long table = pointer;
        Permission permission = Permission.READ_WRITE;
        for (int level = levels; ; level--) {
            var read = memory.read(table + index(address, level) * 8L);
            if (read.isEmpty()) {
                return Either.left(level == levels ? WalkStop.TOP_ENTRY_UNREADABLE : WalkStop.ENTRY_UNREADABLE);
            }
            SecondLevelEntry entry = new SecondLevelEntry(read.get());
            if (!entry.present()) {
                return Either.left(WalkStop.NOT_PRESENT);
            }
            // §7.1.3 (A1): in the permission-first reading an entry lacking the right stops the walk here.
            if (readings.order() == Order.PERMISSION_FIRST && !entry.permission().allows(access)) {
                return Either.left(WalkStop.NOT_PERMITTED);
            }
            if (readings.snoopReserved() ? entry.reservedBitsSet(level, capabilities)
                    : entry.reservedBitsSetBesideSnoop(level, capabilities)) {
                return Either.left(WalkStop.RESERVED);
            }
            permission = permission.and(entry.permission());
            if (entry.isLeaf(level)) {
                long mask = pageMask(level);
                return Either.right(new Leaf(address & ~mask, mask,
                        entry.address(capabilities.addressWidth()) & ~mask, permission));
            }
            table = entry.address(capabilities.addressWidth());
        }
    }

    /**
     * The offset mask of the not-present entry (R = W = 0, above the leaf level) at which a walk for {@code address}
     * stops, if it stops at one: the range such an entry leaves unmapped, which QEMU notifies as one UNMAP
     * (ambiguity A5, docs/ambiguities.md). None for an address that translates, faults otherwise, or stops at a leaf.
     * The tables: {@code levels} levels at {@code pointer} (a context's SLPTPTR, or a PASID-table entry's SSPTPTR).
     */
    public static Option<Long> notPresentEntryMask(GuestMemory memory, Capabilities capabilities, long pointer,
                                                   int levels, long address) {
        if ((address >>> (12 + 9 * levels)) != 0) {
            return Option.none();
        }
        long table = pointer;
        for (int level = levels; level > 1; level--) {
            var read = memory.read(table + index(address, level) * 8L);
            if (read.isEmpty()) {
                return Option.none();
            }
            SecondLevelEntry entry = new SecondLevelEntry(read.get());
            if (!entry.present()) {
                return Option.some(pageMask(level));
            }
            if (entry.reservedBitsSet(level, capabilities) || entry.isLeaf(level)) {
                return Option.none();
            }
            table = entry.address(capabilities.addressWidth());
        }
        return Option.none();
    }

    /** §7.1.3: a request lacking its right, or meeting a not-present entry: 5h for writes, 6h for reads. */
    private static FaultReason notPermitted(Access access) {
        return access == Access.WRITE ? FaultReason.WRITE_NOT_PERMITTED : FaultReason.READ_NOT_PERMITTED;
    }
}
