package io.vtdoracle.model.paging;

import static io.vtdoracle.model.dma.Translations.BOTTOM;
import static io.vtdoracle.model.dma.Translations.L4;
import static io.vtdoracle.model.dma.Translations.MIDDLE;
import static io.vtdoracle.model.dma.Translations.PS;
import static io.vtdoracle.model.dma.Translations.R;
import static io.vtdoracle.model.dma.Translations.RW;
import static io.vtdoracle.model.dma.Translations.TOP;
import static io.vtdoracle.model.dma.Translations.W;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.roottable.ContextEntry;
import org.junit.jupiter.api.Test;

class PageWalkTest {

    private static final Capabilities CAPS = Capabilities.DEFAULT;
    private static final ContextEntry THREE_LEVEL = new ContextEntry(TOP | 1, 1);
    private static final ContextEntry FOUR_LEVEL = new ContextEntry(L4 | 1, 2);

    private static GuestMemory memory(long... addressValuePairs) {
        GuestMemory memory = GuestMemory.zeroed(CAPS.guestMemoryBytes());
        for (int i = 0; i < addressValuePairs.length; i += 2) {
            memory = memory.write(addressValuePairs[i], addressValuePairs[i + 1]).get();
        }
        return memory;
    }

    /** TOP[0] → MIDDLE, MIDDLE[0] → BOTTOM, BOTTOM[1] = leaf (iova 0x1000). */
    private static GuestMemory fourK(long leaf) {
        return memory(TOP, MIDDLE | RW, MIDDLE, BOTTOM | RW, BOTTOM + 8, leaf);
    }

    private static Either<FaultReason, Leaf> walk(Capabilities caps, GuestMemory memory, ContextEntry context,
                                                  long address, Access access) {
        return PageWalk.translate(memory, caps, context, address, access);
    }

    private static Either<FaultReason, Leaf> walk(GuestMemory memory, long address, Access access) {
        return walk(CAPS, memory, THREE_LEVEL, address, access);
    }

    @Test
    void translatesA4kLeaf() {
        Leaf leaf = walk(fourK(0x7000_0000L | RW), 0x1234, Access.WRITE).get();
        assertThat(leaf).isEqualTo(new Leaf(0x1000, 0xFFF, 0x7000_0000L, Permission.READ_WRITE));
        assertThat(leaf.translate(0x1234)).isEqualTo(0x7000_0234L);
    }

    @Test
    void accumulatesPermissionsAlongTheWalk() {
        GuestMemory memory = memory(TOP, MIDDLE | R, MIDDLE, BOTTOM | RW, BOTTOM + 8, 0x5000 | RW);
        assertThat(walk(memory, 0x1000, Access.READ).get().permission()).isEqualTo(Permission.READ);
        assertThat(walk(memory, 0x1000, Access.WRITE).getLeft()).isEqualTo(FaultReason.WRITE_NOT_PERMITTED);
        GuestMemory writeOnly = fourK(0x5000 | W);
        assertThat(walk(writeOnly, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.READ_NOT_PERMITTED);
        assertThat(walk(writeOnly, 0x1000, Access.WRITE).get().permission()).isEqualTo(Permission.WRITE);
    }

    @Test
    void notPresentEntriesFaultByAccessTypeWhateverTheirOtherBits() {
        GuestMemory memory = memory(TOP, MIDDLE | RW, MIDDLE, 0xFFFF_FFFF_FFFF_FFFCL);
        assertThat(walk(memory, 0x1000, Access.WRITE).getLeft()).isEqualTo(FaultReason.WRITE_NOT_PERMITTED);
        assertThat(walk(memory, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.READ_NOT_PERMITTED);
    }

    @Test
    void reservedBitsComeBeforeThePermissionCheck() {
        // a read-only leaf with bit 11 set: a write faults Ch, not 5h
        assertThat(walk(fourK(0x5000 | R | 1 << 11), 0x1000, Access.WRITE).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
    }

    @Test
    void reservedBitsAtEveryLevel() {
        assertThat(walk(fourK(0x5000 | RW | 1L << 62), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        assertThat(walk(fourK(0x5000 | RW | 1L << 39), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        assertThat(walk(fourK(0x5000 | RW | 1L << 51), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        GuestMemory nonLeaf = memory(TOP, MIDDLE | RW | 1 << 11, MIDDLE, BOTTOM | RW, BOTTOM + 8, 0x5000 | RW);
        assertThat(walk(nonLeaf, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
    }

    @Test
    void ignoredBitsAndLevelOnePsAreNotReserved() {
        // 63, 61:52 ignored; bit 7 at level 1 ignored; bits 10:2 of a leaf not checked
        long leaf = 0x5000 | RW | 1L << 63 | 0x3FFL << 52 | PS | 0x37C;
        assertThat(walk(fourK(leaf), 0x1000, Access.READ).get().outputBase()).isEqualTo(0x5000);
        // with a 48-bit host address width, bit 39 is an address bit
        assertThat(walk(CAPS.withAddressWidth(48), fourK(0x5000 | RW | 1L << 40), THREE_LEVEL, 0x1000, Access.READ)
                .get().outputBase()).isEqualTo(0x100_0000_5000L);
    }

    @Test
    void superpagesOf2MAnd1G() {
        GuestMemory twoM = memory(TOP, MIDDLE | RW, MIDDLE + 8, 0x4020_0000L | PS | RW);
        assertThat(walk(twoM, 0x2A_BCDE, Access.READ).get())
                .isEqualTo(new Leaf(0x20_0000, 0x1F_FFFF, 0x4020_0000L, Permission.READ_WRITE));
        GuestMemory oneG = memory(TOP + 8, 0x8000_0000L | PS | R);
        Leaf leaf = walk(oneG, 0x4123_4567L, Access.READ).get();
        assertThat(leaf).isEqualTo(new Leaf(0x4000_0000L, 0x3FFF_FFFF, 0x8000_0000L, Permission.READ));
        assertThat(leaf.translate(0x4123_4567L)).isEqualTo(0x8123_4567L);
    }

    @Test
    void misalignedOrUnsupportedSuperpagesAreReserved() {
        GuestMemory misaligned2M = memory(TOP, MIDDLE | RW, MIDDLE, 0x4000_1000L | PS | RW);
        assertThat(walk(misaligned2M, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        GuestMemory misaligned1G = memory(TOP, 0x4020_0000L | PS | RW);
        assertThat(walk(misaligned1G, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        GuestMemory aligned2M = memory(TOP, MIDDLE | RW, MIDDLE, 0x4000_0000L | PS | RW);
        Capabilities small = CAPS.withSuperpages(false);
        assertThat(walk(small, aligned2M, THREE_LEVEL, 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        assertThat(walk(small, memory(TOP, 0x4000_0000L | PS | RW), THREE_LEVEL, 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
    }

    @Test
    void fourLevelWalkAnd4thLevelPsIsReserved() {
        Capabilities wide = CAPS.withAddressWidth(48);
        long iova = 0x80_4000_1000L; // level-4 index 1, level-3 index 1, level-2 0, level-1 1
        GuestMemory memory = memory(L4 + 8, TOP | RW, TOP + 8, MIDDLE | RW, MIDDLE, BOTTOM | RW,
                BOTTOM + 8, 0x9000 | R);
        assertThat(walk(wide, memory, FOUR_LEVEL, iova, Access.READ).get())
                .isEqualTo(new Leaf(iova, 0xFFF, 0x9000, Permission.READ));
        GuestMemory psAtTop = memory(L4 + 8, TOP | RW | PS);
        assertThat(walk(wide, psAtTop, FOUR_LEVEL, iova, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_RESERVED);
        // a 3-level context on a 48-bit unit has a 39-bit input width
        assertThat(walk(wide, memory, THREE_LEVEL, 1L << 39, Access.READ).getLeft())
                .isEqualTo(FaultReason.ADDRESS_BEYOND_MGAW);
        assertThat(walk(wide, memory, FOUR_LEVEL, 1L << 48, Access.READ).getLeft())
                .isEqualTo(FaultReason.ADDRESS_BEYOND_MGAW);
    }

    @Test
    void addressesBeyondTheAgawAre4h() {
        assertThat(walk(fourK(0x5000 | RW), 1L << 39, Access.READ).getLeft())
                .isEqualTo(FaultReason.ADDRESS_BEYOND_MGAW);
        assertThat(walk(fourK(0x5000 | RW), -1L, Access.READ).getLeft()).isEqualTo(FaultReason.ADDRESS_BEYOND_MGAW);
        assertThat(walk(fourK(0x5000 | RW), (1L << 39) - 1, Access.READ).getLeft())
                .isEqualTo(FaultReason.READ_NOT_PERMITTED);
    }

    @Test
    void unreadableTopLevelIs3hAndLowerLevels7h() {
        long outside = 0x1_0000_0000L; // beyond the 2 GiB of guest memory
        assertThat(walk(memory(), 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.READ_NOT_PERMITTED);
        assertThat(walk(CAPS, memory(), new ContextEntry(outside | 1, 1), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.CONTEXT_ENTRY_INVALID);
        assertThat(walk(memory(TOP, outside | RW), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_ACCESS_ERROR);
        assertThat(walk(memory(TOP, MIDDLE | RW, MIDDLE, outside | RW), 0x1000, Access.READ).getLeft())
                .isEqualTo(FaultReason.PAGING_ENTRY_ACCESS_ERROR);
    }

    @Test
    void outputInTheInterruptWindowIsEhAfterThePermissionCheck() {
        GuestMemory memory = fourK(0xFEE0_0000L | R);
        assertThat(walk(memory, 0x1000, Access.READ).getLeft()).isEqualTo(FaultReason.INTERRUPT_ADDRESS);
        assertThat(walk(memory, 0x1000, Access.WRITE).getLeft()).isEqualTo(FaultReason.WRITE_NOT_PERMITTED);
        // a 2 MiB page partly in the window: only the addresses translating into it fault
        GuestMemory straddling = memory(TOP + 8 * 3, MIDDLE | RW, MIDDLE + 8 * 0x1F7, 0xFEE0_0000L | PS | RW);
        long pageIova = 3L << 30 | 0x1F7L << 21;
        assertThat(walk(straddling, pageIova, Access.READ).getLeft()).isEqualTo(FaultReason.INTERRUPT_ADDRESS);
        assertThat(walk(straddling, pageIova + 0x10_0000, Access.READ).get().translate(pageIova + 0x10_0000))
                .isEqualTo(0xFEF0_0000L);
    }
}
