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
     * A walk that faulted: the reason, and the addresses of the entries it used before the fault, top first (every
     * entry, the leaf's last, when the fault came after the leaf: the rights accumulated, or the output address).
     *
     * @param translated whether the walk had translated the address (the fault is the output address, SGN.8)
     */
    public record Faulted(FaultReason reason, List<Long> used, boolean translated) {
    }

    /**
     * The leaf that translates {@code address} through the tables at {@code pointer} of {@code levels} levels, or
     * the fault; with {@link PageWalk.Order#PERMISSION_FIRST} an entry lacking U/S or (for a write) R/W stops the
     * walk before its reserved bits are checked (ambiguity A1 carried over to the first stage).
     */
    public static Either<Faulted, Walked> walk(GuestMemory memory, Capabilities capabilities, long pointer,
                                               int levels, long address, Access access, PageWalk.Order order) {
        // §3.6: the input address must be canonical: bits 63:47 (63:56 with 5-level paging) all equal.
        int unused = 64 - (12 + 9 * levels);
        if ((address << unused >> unused) != address) {
            return faulted(FaultReason.SM_NON_CANONICAL_ADDRESS, List.empty()); // SGN.1
        }
        long table = pointer;
        boolean user = true;
        boolean writable = true;
        List<Long> used = List.empty();
        for (int level = levels; ; level--) {
            long at = table + PageWalk.index(address, level) * 8L;
            var read = memory.read(at);
            if (read.isEmpty()) {
                return faulted(level == levels ? FaultReason.SM_FIRST_STAGE_ROOT_ACCESS_ERROR // SFS.4
                        : FaultReason.SM_FIRST_STAGE_ENTRY_ACCESS_ERROR, used); // SFS.1
            }
            FirstStageEntry entry = new FirstStageEntry(read.get());
            if (!entry.present()) {
                return faulted(FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT, used); // SFS.2
            }
            if (order == PageWalk.Order.PERMISSION_FIRST && rightsMissing(entry.user(), entry.writable(), access)) {
                return faulted(rightsFault(entry.user()), used);
            }
            if (entry.reservedBitsSet(level, capabilities)) {
                return faulted(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED, used); // SFS.3
            }
            used = used.append(at);
            user &= entry.user();
            writable &= entry.writable();
            if (entry.isLeaf(level)) {
                if (rightsMissing(user, writable, access)) {
                    return faulted(rightsFault(user), used);
                }
                long mask = PageWalk.pageMask(level);
                Leaf leaf = new Leaf(address & ~mask, mask, entry.address(capabilities.addressWidth()) & ~mask,
                        Permission.of(true, writable));
                if (Operation.inInterruptWindow(leaf.translate(address))) {
                    return Either.left(new Faulted(FaultReason.SM_INTERRUPT_ADDRESS, used, true)); // SGN.8
                }
                return Either.right(new Walked(leaf, used));
            }
            table = entry.address(capabilities.addressWidth());
        }
    }

    private static Either<Faulted, Walked> faulted(FaultReason reason, List<Long> used) {
        return Either.left(new Faulted(reason, used, false));
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
        return mark(memory, walked.entries(), access == Access.WRITE);
    }

    /**
     * The other reading of ambiguity A7 (§3.6.2 does not say whether a walk that faults has used its entries): the
     * unit set A in the entries the walk used before the fault, as it went; and D in the leaf for a write whose walk
     * translated before the output address faulted.
     */
    public static GuestMemory setAccessedBeforeFault(GuestMemory memory, Faulted faulted, Access access) {
        return mark(memory, faulted.used(), faulted.translated() && access == Access.WRITE);
    }

    /** A in every entry of {@code entries}, and D in the last one when {@code dirty}. */
    private static GuestMemory mark(GuestMemory memory, List<Long> entries, boolean dirty) {
        int leaf = entries.size() - 1;
        return entries.zipWithIndex().foldLeft(memory, (updated, entry) -> {
            long flags = FirstStageEntry.ACCESSED | (entry._2 == leaf && dirty ? FirstStageEntry.DIRTY : 0);
            return updated.read(entry._1).flatMap(value -> updated.write(entry._1, value | flags))
                    .getOrElse(updated);
        });
    }
}
