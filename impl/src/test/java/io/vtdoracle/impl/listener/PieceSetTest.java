package io.vtdoracle.impl.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceSetTest {

    private static PieceSet pieces(long... iovaMaskTranslatedLeafMask) {
        PieceSet list = new PieceSet();
        for (int i = 0; i < iovaMaskTranslatedLeafMask.length; i += 4) {
            long[] p = iovaMaskTranslatedLeafMask;
            list.add(p[i], p[i + 1], p[i + 2], 3, p[i + 3], 1);
        }
        return list;
    }

    @Test
    void replacesARunInPlaceAndFindsRangesByBinarySearch() {
        PieceSet set = new PieceSet();
        set.replace(0, 0, pieces(
                0x1000, 0xFFF, 0x8000, 0xFFF,
                0x3000, 0xFFF, 0x7000, 0xFFF,
                0x5000, 0xFFF, 0x9000, 0xFFF), 7);
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.firstEndingAtOrAfter(0x2000)).isEqualTo(1);
        assertThat(set.firstEndingAtOrAfter(0x3FFF)).isEqualTo(1);
        assertThat(set.firstEndingAtOrAfter(0x4000)).isEqualTo(2);
        assertThat(set.firstStartingAfter(0, 0x4FFF)).isEqualTo(2);
        assertThat(set.firstStartingAfter(0, 0x5000)).isEqualTo(3);
        assertThat(set.holdsDomain(7)).isTrue();
        set.replace(1, 2, pieces(0x2000, 0xFFF, 0x1000, 0xFFF, 0x3000, 0xFFF, 0x2000, 0xFFF), 9);
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.iova(1)).isEqualTo(0x2000);
        assertThat(set.iova(2)).isEqualTo(0x3000);
        assertThat(set.translated(2)).isEqualTo(0x2000);
        assertThat(set.iova(3)).isEqualTo(0x5000);
        assertThat(set.holdsDomain(7)).isTrue();
        assertThat(set.holdsDomain(9)).isTrue();
        set.replace(0, 4, pieces(), 0);
        assertThat(set.size()).isZero();
        assertThat(set.holdsDomain(7)).isFalse();
        assertThat(set.holdsDomain(9)).isFalse();
        assertThat(set.holdsDomain(0)).isFalse();
    }

    @Test
    void findsTheHeldLeafContainingAnAddressEvenWhereItHasNoPiece() {
        PieceSet set = new PieceSet();
        // A 2M leaf at 0x200000 of which only 0x300000..0x3FFFFF is held; 4K leaves below it.
        set.replace(0, 0, pieces(
                0x1000, 0xFFF, 0x5000, 0xFFF,
                0x30_0000, 0xF_FFFF, 0x90_0000, 0x1F_FFFF), 1);
        int at = set.leafContaining(0x20_0000);
        assertThat(at).isEqualTo(1);
        assertThat(set.leafIova(at)).isEqualTo(0x20_0000);
        assertThat(set.leafMask(at)).isEqualTo(0x1F_FFFF);
        assertThat(set.leafContaining(0x1800)).isEqualTo(0);
        assertThat(set.leafContaining(0x2000)).isEqualTo(-1);
        assertThat(set.leafContaining(0x40_0000)).isEqualTo(-1);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        PieceSet set = new PieceSet();
        PieceSet list = new PieceSet();
        for (long page = 0; page < 1000; page++) {
            list.add(page << 12, 0xFFF, 0, 1, 0xFFF, 1);
        }
        set.replace(0, 0, list, 3);
        assertThat(set.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(set.iova(i)).isEqualTo((long) i << 12);
        }
        assertThat(set.last(999)).isEqualTo(0x3E7FFFL);
        assertThat(set.permission(0)).isEqualTo(1);
        assertThat(set.domain(500)).isEqualTo(3);
        set.replace(10, 990, pieces(), 0);
        assertThat(set.size()).isEqualTo(20);
        assertThat(set.iova(10)).isEqualTo(990L << 12);
        assertThat(set.holdsDomain(3)).isTrue();
    }

    @Test
    void keepsContiguousPiecesAsOneRunAndSplitsItWhereReplaced() {
        PieceSet set = new PieceSet();
        PieceSet linear = new PieceSet();
        for (long page = 0; page < 100; page++) {
            linear.add(page << 12, 0xFFF, 0x10_0000 + (page << 12), 3, 0xFFF, 1);
        }
        set.replace(0, 0, linear, 4);
        assertThat(set.size()).isEqualTo(100);
        assertThat(set.firstEndingAtOrAfter(0x4_1800)).isEqualTo(65);
        assertThat(set.firstStartingAfter(0, 0x4_1800)).isEqualTo(66);
        assertThat(set.leafContaining(0x4_1800)).isEqualTo(65);
        set.replace(50, 51, pieces(0x3_2000, 0xFFF, 0x77_7000, 0xFFF), 6);
        assertThat(set.size()).isEqualTo(100);
        assertThat(set.translated(49)).isEqualTo(0x13_1000);
        assertThat(set.translated(50)).isEqualTo(0x77_7000);
        assertThat(set.domain(50)).isEqualTo(6);
        assertThat(set.translated(51)).isEqualTo(0x13_3000);
        assertThat(set.domain(99)).isEqualTo(4);
        assertThat(set.holdsDomain(6)).isTrue();
        set.replace(50, 51, pieces(0x3_2000, 0xFFF, 0x13_2000, 0xFFF), 4);
        assertThat(set.holdsDomain(6)).isFalse();
        assertThat(set.last(99)).isEqualTo(0x6_3FFFL);
    }
}
