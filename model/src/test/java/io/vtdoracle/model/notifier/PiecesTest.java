package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.paging.Leaf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract §7.2: pieces of leaves in effective ranges. */
class PiecesTest {

    static final List<IovaRange> LOW = Pieces.effectiveRange(new IovaRange(0, 0xFEDF_FFFFL));
    static final List<IovaRange> HIGH = Pieces.effectiveRange(new IovaRange(0xFEF0_0000L, -1L));
    static final List<IovaRange> EVERYTHING = Pieces.effectiveRange(IovaRange.ALL);

    @Test
    void leavesFullyInsideAreOnePiece() {
        assertThat(Pieces.of(new Leaf(0x5000, 0xFFF, 0x9000, Permission.READ), LOW))
                .containsExactly(new Piece(0x5000, 0xFFF, 0x9000, Permission.READ));
        assertThat(Pieces.of(new Leaf(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.READ_WRITE), LOW))
                .containsExactly(new Piece(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.READ_WRITE));
        assertThat(Pieces.of(new Leaf(0x4000_0000L, 0x3FFF_FFFFL, 0, Permission.WRITE), LOW))
                .containsExactly(new Piece(0x4000_0000L, 0x3FFF_FFFFL, 0, Permission.WRITE));
    }

    @Test
    void theEffectiveRangeExcludesTheInterruptWindow() {
        assertThat(EVERYTHING).containsExactly(new IovaRange(0, 0xFEDF_FFFFL), new IovaRange(0xFEF0_0000L, -1L));
    }

    /** Bugs 9a4bb8391f, 03c7140c1a, H2: a 1 GiB leaf at 0xC0000000 straddles the window between two listeners. */
    @Test
    void aGigabyteLeafOverTheWindowIsAlignedPiecesOnEachSide() {
        Leaf leaf = new Leaf(0xC000_0000L, 0x3FFF_FFFFL, 0x1_0000_0000L, Permission.READ_WRITE);
        assertThat(Pieces.of(leaf, LOW)).containsExactly(
                piece(0xC000_0000L, 0x1FFF_FFFFL, 0x1_0000_0000L),
                piece(0xE000_0000L, 0x0FFF_FFFFL, 0x1_2000_0000L),
                piece(0xF000_0000L, 0x07FF_FFFFL, 0x1_3000_0000L),
                piece(0xF800_0000L, 0x03FF_FFFFL, 0x1_3800_0000L),
                piece(0xFC00_0000L, 0x01FF_FFFFL, 0x1_3C00_0000L),
                piece(0xFE00_0000L, 0x007F_FFFFL, 0x1_3E00_0000L),
                piece(0xFE80_0000L, 0x003F_FFFFL, 0x1_3E80_0000L),
                piece(0xFEC0_0000L, 0x001F_FFFFL, 0x1_3EC0_0000L));
        assertThat(Pieces.of(leaf, HIGH)).containsExactly(
                piece(0xFEF0_0000L, 0x000F_FFFFL, 0x1_3EF0_0000L),
                piece(0xFF00_0000L, 0x00FF_FFFFL, 0x1_3F00_0000L));
    }

    @Test
    void thePartOfALeafThatTranslatesIntoTheWindowIsCutOut() {
        // A 2 MiB leaf at IOVA 0x200000 onto 0xFEE00000..0xFEFFFFFF: its first MiB would reach the window.
        Leaf leaf = new Leaf(0x20_0000, 0x1F_FFFF, 0xFEE0_0000L, Permission.READ_WRITE);
        assertThat(Pieces.of(leaf, LOW)).containsExactly(piece(0x30_0000, 0xF_FFFF, 0xFEF0_0000L));
        // A leaf entirely onto the window has no pieces.
        assertThat(Pieces.of(new Leaf(0x1000, 0xFFF, 0xFEE0_1000L, Permission.READ), LOW)).isEmpty();
    }

    @Test
    void piecesAreClippedToTheListenerRange() {
        List<IovaRange> narrow = Pieces.effectiveRange(new IovaRange(0x1000, 0x2FFF));
        assertThat(Pieces.of(new Leaf(0, 0x1F_FFFF, 0x4000_0000L, Permission.READ), narrow)).containsExactly(
                new Piece(0x1000, 0xFFF, 0x4000_1000L, Permission.READ),
                new Piece(0x2000, 0xFFF, 0x4000_2000L, Permission.READ));
    }

    @Test
    void coverCutsARangeIntoBlocksOfTheEffectiveRange() {
        assertThat(Pieces.cover(new IovaRange(0xFE00_0000L, 0xFFFF_FFFFL), EVERYTHING)).containsExactly(
                IovaRange.block(0xFE00_0000L, 0x7F_FFFFL), IovaRange.block(0xFE80_0000L, 0x3F_FFFFL),
                IovaRange.block(0xFEC0_0000L, 0x1F_FFFFL), IovaRange.block(0xFEF0_0000L, 0xF_FFFFL),
                IovaRange.block(0xFF00_0000L, 0xFF_FFFFL));
    }

    private static Piece piece(long iova, long mask, long translated) {
        return new Piece(iova, mask, translated, Permission.READ_WRITE);
    }
}
