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

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.memory.GuestMemory;
import io.vtdoracle.model.roottable.ContextEntry;
import org.junit.jupiter.api.Test;

class LeafEnumerationTest {

    private static final Capabilities CAPS = Capabilities.DEFAULT;
    private static final ContextEntry THREE_LEVEL = new ContextEntry(TOP | 1, 1);

    private static GuestMemory memory(long... addressValuePairs) {
        GuestMemory memory = GuestMemory.zeroed(CAPS.guestMemoryBytes());
        for (int i = 0; i < addressValuePairs.length; i += 2) {
            memory = memory.write(addressValuePairs[i], addressValuePairs[i + 1]).get();
        }
        return memory;
    }

    /**
     * TOP[0] → MIDDLE (RW); MIDDLE[0] → BOTTOM (RW); BOTTOM[1] 4K RW, BOTTOM[2] not present, BOTTOM[3] reserved,
     * BOTTOM[4] 4K R; MIDDLE[1] a 2M page W; MIDDLE[2] → table outside memory; TOP[1] a 1G page R;
     * TOP[2] → MIDDLE2 (R) whose 2M page is W-only: NONE.
     */
    private static final GuestMemory TREE = memory(
            TOP, MIDDLE | RW,
            MIDDLE, BOTTOM | RW,
            BOTTOM + 8, 0x7000 | RW,
            BOTTOM + 16, 0x8000,
            BOTTOM + 24, 0x9000 | RW | 1 << 11,
            BOTTOM + 32, 0xA000 | R,
            MIDDLE + 8, 0x4000_0000L | PS | W,
            MIDDLE + 16, 0x1_0000_0000L | RW,
            TOP + 8, 0x8000_0000L | PS | R,
            TOP + 16, 0x200000 | R,
            0x200000, 0x4000_0000L | PS | W);

    @Test
    void enumeratesPresentLeavesInAscendingOrder() {
        assertThat(LeafEnumeration.leaves(TREE, CAPS, THREE_LEVEL, 0, -1L)).containsExactly(
                new Leaf(0x1000, 0xFFF, 0x7000, Permission.READ_WRITE),
                new Leaf(0x4000, 0xFFF, 0xA000, Permission.READ),
                new Leaf(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.WRITE),
                new Leaf(0x4000_0000L, 0x3FFF_FFFF, 0x8000_0000L, Permission.READ));
    }

    @Test
    void returnsWholeLeavesMeetingTheRange() {
        assertThat(LeafEnumeration.leaves(TREE, CAPS, THREE_LEVEL, 0x4000, 0x20_0000)).containsExactly(
                new Leaf(0x4000, 0xFFF, 0xA000, Permission.READ),
                new Leaf(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.WRITE));
        assertThat(LeafEnumeration.leaves(TREE, CAPS, THREE_LEVEL, 0x4800_0000L, 0x4800_0000L)).containsExactly(
                new Leaf(0x4000_0000L, 0x3FFF_FFFF, 0x8000_0000L, Permission.READ));
        assertThat(LeafEnumeration.leaves(TREE, CAPS, THREE_LEVEL, 0x2000, 0x3FFF)).isEmpty();
        assertThat(LeafEnumeration.leaves(TREE, CAPS, THREE_LEVEL, 0x5000, 0x4000)).isEmpty();
    }

    @Test
    void stopsAtTheAdjustedGuestAddressWidth() {
        GuestMemory top511 = memory(TOP + 8 * 511, 0x4000_0000L | PS | RW);
        assertThat(LeafEnumeration.leaves(top511, CAPS, THREE_LEVEL, 1L << 39, -1L)).isEmpty();
        assertThat(LeafEnumeration.leaves(top511, CAPS, THREE_LEVEL, (1L << 39) - 1, -1L)).containsExactly(
                new Leaf(511L << 30, 0x3FFF_FFFF, 0x4000_0000L, Permission.READ_WRITE));
    }

    @Test
    void walksFourLevels() {
        Capabilities wide = CAPS.withAddressWidth(48);
        GuestMemory memory = memory(L4 + 8 * 256, TOP | RW, TOP + 8, MIDDLE | RW, MIDDLE + 8, 0x60_0000L | PS | RW);
        assertThat(LeafEnumeration.leaves(memory, wide, new ContextEntry(L4 | 1, 2), 0, -1L)).containsExactly(
                new Leaf(0x8000_4020_0000L, 0x1F_FFFF, 0x60_0000L, Permission.READ_WRITE));
    }
}
