package io.vtdoracle.impl.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiecesTest {

    private static List<String> cut(long first, long last) {
        List<String> pieces = new ArrayList<>();
        Pieces.cut(first, last, (iova, mask) -> pieces.add(String.format("%x+%x", iova, mask)));
        return pieces;
    }

    private static List<String> effective(long first, long last, long rangeFirst, long rangeLast) {
        List<String> pieces = new ArrayList<>();
        Pieces.cutEffective(first, last, rangeFirst, rangeLast,
                (iova, mask) -> pieces.add(String.format("%x+%x", iova, mask)));
        return pieces;
    }

    @Test
    void alignedBlocksAreOnePiece() {
        assertThat(cut(0x20_0000, 0x3F_FFFF)).containsExactly("200000+1fffff");
        assertThat(cut(0, -1L)).containsExactly("0+ffffffffffffffff");
    }

    @Test
    void unalignedRangesAreCutGreedilyFromTheLowEnd() {
        assertThat(cut(0x1000, 0x7FFF)).containsExactly("1000+fff", "2000+1fff", "4000+3fff");
        assertThat(cut(0x3000, 0x4FFF)).containsExactly("3000+fff", "4000+fff");
        assertThat(cut(0xFEF0_0000L, -1L)).startsWith("fef00000+fffff", "ff000000+ffffff")
                .endsWith("8000000000000000+7fffffffffffffff");
    }

    @Test
    void theEffectiveRangeLeavesOutTheInterruptWindow() {
        assertThat(effective(0xFEC0_0000L, 0xFEFF_FFFFL, 0, -1L))
                .containsExactly("fec00000+1fffff", "fef00000+fffff");
        assertThat(effective(0xFEE0_0000L, 0xFEEF_FFFFL, 0, -1L)).isEmpty();
        assertThat(effective(0, 0x3FFF, 0x1000, 0x2FFF)).containsExactly("1000+fff", "2000+fff");
        assertThat(effective(0x5000, 0x5FFF, 0x1000, 0x2FFF)).isEmpty();
    }

    @Test
    void meetIsInclusiveAndUnsigned() {
        assertThat(Pieces.meet(0, 0xFFF, 0xFFF, 0x1FFF)).isTrue();
        assertThat(Pieces.meet(0, 0xFFF, 0x1000, 0x1FFF)).isFalse();
        assertThat(Pieces.meet(0x8000_0000_0000_0000L, -1L, 0, 0x8000_0000_0000_0000L)).isTrue();
    }
}
