package io.vtdoracle.model.firststage;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.paging.PageWalk;

/**
 * The first-stage translation of one address of a request without PASID (§3.6, contract §9.6): 4-level paging, or
 * 5-level with FSPM = 01b, read fresh from memory. A request without PASID is a user request that never asks to
 * execute (§3.6.1): every entry of the walk must have U/S = 1, and R/W = 1 for a write.
 */
public final class FirstStageWalk {

    private FirstStageWalk() {
    }

    /** A successful walk: the leaf, and the addresses of the entries it used, top first (the leaf's last). */
    public record Walked(Leaf leaf, List<Long> entries) {
    }

    /**
     * The leaf that translates {@code address} through the tables at {@code pointer} of {@code levels} levels, or
     * the fault; with {@link PageWalk.Order#PERMISSION_FIRST} an entry lacking U/S or (for a write) R/W stops the
     * walk before its reserved bits are checked (ambiguity A1 carried over to the first stage).
     */
    public static Either<FaultReason, Walked> walk(GuestMemory memory, Capabilities capabilities, long pointer,
                                                  int levels, long address, Access access, PageWalk.Order order) {
        // §3.6: the input address must be canonical: bits 63:47 (63:56 with 5-level paging) all equal.
        int unused = 64 - (12 + 9 * levels);
        if ((address << unused >> unused) != address) {
            return Either.left(FaultReason.SM_NON_CANONICAL_ADDRESS); // SGN.1
        }
        long table = pointer;
        boolean user = true;
        boolean writable = true;
        List<Long> entries = List.empty();
        for (int level = levels; ; level--) {
            long at = table + PageWalk.index(address, level) * 8L;
            var read = memory.read(at);
            if (read.isEmpty()) {
                return Either.left(level == levels ? FaultReason.SM_FIRST_STAGE_ROOT_ACCESS_ERROR // SFS.4
                        : FaultReason.SM_FIRST_STAGE_ENTRY_ACCESS_ERROR); // SFS.1
            }
            FirstStageEntry entry = new FirstStageEntry(read.get());
            entries = entries.append(at);
            if (!entry.present()) {
                return Either.left(FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT); // SFS.2
            }
            if (order == PageWalk.Order.PERMISSION_FIRST && rightsMissing(entry.user(), entry.writable(), access)) {
                return Either.left(rightsFault(entry.user()));
            }
            if (entry.reservedBitsSet(level, capabilities)) {
                return Either.left(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED); // SFS.3
            }
            user &= entry.user();
            writable &= entry.writable();
            if (entry.isLeaf(level)) {
                if (rightsMissing(user, writable, access)) {
                    return Either.left(rightsFault(user));
                }
                long mask = PageWalk.pageMask(level);
                Leaf leaf = new Leaf(address & ~mask, mask, entry.address(capabilities.addressWidth()) & ~mask,
                        Permission.of(true, writable));
                if (Operation.inInterruptWindow(leaf.translate(address))) {
                    return Either.left(FaultReason.SM_INTERRUPT_ADDRESS); // SGN.8
                }
                return Either.right(new Walked(leaf, entries));
            }
            table = entry.address(capabilities.addressWidth());
        }
    }

    private static boolean rightsMissing(boolean user, boolean writable, Access access) {
        return !user || (access == Access.WRITE && !writable);
    }

    /** §3.6.1: SGN.2 (81h) for a supervisor-only entry, else SGN.6 (85h) for a write to a read-only one. */
    private static FaultReason rightsFault(boolean user) {
        return user ? FaultReason.SM_WRITE_NOT_PERMITTED : FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE;
    }

    /**
     * §3.6.2: the unit sets A in every entry the successful walk used, and D in the leaf for a write (memory
     * outside the guest is never among them: the walk read every entry).
     */
    public static GuestMemory setAccessedDirty(GuestMemory memory, Walked walked, Access access) {
        int leaf = walked.entries().size() - 1;
        return walked.entries().zipWithIndex().foldLeft(memory, (updated, entry) -> {
            long flags = FirstStageEntry.ACCESSED
                    | (entry._2 == leaf && access == Access.WRITE ? FirstStageEntry.DIRTY : 0);
            return updated.read(entry._1).flatMap(value -> updated.write(entry._1, value | flags))
                    .getOrElse(updated);
        });
    }
}
