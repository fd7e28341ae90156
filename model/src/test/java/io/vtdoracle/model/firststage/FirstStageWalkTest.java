package io.vtdoracle.model.firststage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.paging.PageWalk;
import org.junit.jupiter.api.Test;

/** §3.6 as contract §9.6 reads it: the first-stage walk of a request without PASID. */
class FirstStageWalkTest {

    private static final Capabilities FIRST = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE);
    private static final long L4 = 0x10000;
    private static final long L3 = 0x11000;
    private static final long L2 = 0x12000;
    private static final long L1 = 0x13000;
    private static final long P = 1;
    private static final long RW = 2;
    private static final long US = 4;

    private static GuestMemory tables(long leaf) {
        GuestMemory memory = GuestMemory.zeroed(FIRST.guestMemoryBytes());
        memory = memory.write(L4, L3 | US | RW | P).get();
        memory = memory.write(L3, L2 | US | RW | P).get();
        memory = memory.write(L2, L1 | US | RW | P).get();
        return memory.write(L1 + 8, leaf).get();
    }

    private static Object walk(GuestMemory memory, Access access, PageWalk.Order order) {
        return FirstStageWalk.walk(memory, FIRST, L4, 4, 0x1000, access, order).fold(FirstStageWalk.Faulted::reason,
                FirstStageWalk.Walked::leaf);
    }

    @Test
    void aReadOnlyLeafWithAReservedBitFaultsByTheReadingOfA1() {
        GuestMemory memory = tables(0x9000 | 1L << 45 | US | P);
        assertThat(walk(memory, Access.WRITE, PageWalk.Order.RESERVED_FIRST))
                .isEqualTo(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED);
        assertThat(walk(memory, Access.WRITE, PageWalk.Order.PERMISSION_FIRST))
                .isEqualTo(FaultReason.SM_WRITE_NOT_PERMITTED);
        assertThat(walk(memory, Access.READ, PageWalk.Order.PERMISSION_FIRST))
                .as("a read has its right: the reserved bit decides").isEqualTo(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED);
    }

    @Test
    void supervisorOnlyBeatsReadOnly() {
        assertThat(walk(tables(0x9000 | P), Access.WRITE, PageWalk.Order.RESERVED_FIRST))
                .isEqualTo(FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE);
    }

    @Test
    void accessedAndDirtyAreSetOnlyWhereTheWalkWent() {
        GuestMemory memory = tables(0x9000 | US | RW | P);
        FirstStageWalk.Walked walked = FirstStageWalk.walk(memory, FIRST, L4, 4, 0x1000, Access.WRITE,
                PageWalk.Order.RESERVED_FIRST).get();
        GuestMemory after = FirstStageWalk.setAccessedDirty(memory, walked, Access.WRITE);
        assertThat(after.read(L4).get()).isEqualTo(L3 | US | RW | P | FirstStageEntry.ACCESSED);
        assertThat(after.read(L1 + 8).get())
                .isEqualTo(0x9000 | US | RW | P | FirstStageEntry.ACCESSED | FirstStageEntry.DIRTY);
        assertThat(after.read(L1).get()).as("a neighbour").isZero();
    }
}
