package io.vtdoracle.model.notifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IovaRangeTest {

    @Test
    void alignedBlocksAreGreedyFromTheLowEnd() {
        assertThat(new IovaRange(0x1000, 0x4FFF).alignedBlocks()).containsExactly(
                IovaRange.block(0x1000, 0xFFF), IovaRange.block(0x2000, 0x1FFF), IovaRange.block(0x4000, 0xFFF));
    }

    @Test
    void aSingleAlignedBlockIsOnePiece() {
        assertThat(IovaRange.block(0x4000_0000L, 0x3FFF_FFFFL).alignedBlocks())
                .containsExactly(IovaRange.block(0x4000_0000L, 0x3FFF_FFFFL));
    }

    @Test
    void theWholeSpaceIsOneBlockWithAllOnesMask() {
        assertThat(IovaRange.ALL.alignedBlocks()).containsExactly(IovaRange.ALL);
        assertThat(IovaRange.ALL.mask()).isEqualTo(-1L);
    }

    @Test
    void theUpperListenerRangeIsCutIntoAlignedBlocksUpToTwoToThe63() {
        var blocks = new IovaRange(0xFEF0_0000L, -1L).alignedBlocks();
        assertThat(blocks.head()).isEqualTo(IovaRange.block(0xFEF0_0000L, 0xF_FFFFL));
        assertThat(blocks.get(1)).isEqualTo(IovaRange.block(0xFF00_0000L, 0xFF_FFFFL));
        assertThat(blocks.last()).isEqualTo(IovaRange.block(0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL));
        long next = 0xFEF0_0000L;
        for (IovaRange block : blocks) {
            assertThat(block.first()).isEqualTo(next);
            assertThat(block.first() & block.mask()).isZero();
            assertThat(Long.bitCount(block.mask() + 1)).isLessThanOrEqualTo(1);
            next = block.last() + 1;
        }
        assertThat(next).isZero(); // the blocks end at 2^64 - 1
    }

    @Test
    void minusLeavesTheAddressesBelowAndAbove() {
        assertThat(new IovaRange(0, -1L).minus(IovaRange.INTERRUPT_WINDOW)).containsExactly(
                new IovaRange(0, 0xFEDF_FFFFL), new IovaRange(0xFEF0_0000L, -1L));
        assertThat(new IovaRange(0xFEE0_0000L, 0xFEEF_FFFFL).minus(IovaRange.INTERRUPT_WINDOW)).isEmpty();
        assertThat(new IovaRange(0, 0xFFF).minus(IovaRange.INTERRUPT_WINDOW)).containsExactly(new IovaRange(0, 0xFFF));
    }

    @Test
    void comparisonsAreUnsigned() {
        IovaRange high = new IovaRange(0x8000_0000_0000_0000L, -1L);
        assertThat(high.meets(new IovaRange(0, 0xFFF))).isFalse();
        assertThat(high.contains(-1L)).isTrue();
        assertThat(high.hull(new IovaRange(0, 0xFFF))).isEqualTo(IovaRange.ALL);
        assertThat(IovaRange.of(-1L, 0)).isEmpty();
    }
}
