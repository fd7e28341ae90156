package io.vtdoracle.impl.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PieceSetTest {

    private static List<Long> meeting(PieceSet set, long first, long last) {
        List<Long> found = new ArrayList<>();
        for (int i = set.firstMeeting(first); i < set.size() && Long.compareUnsigned(set.iova(i), last) <= 0; i++) {
            if (set.meets(i, first, last)) {
                found.add(set.iova(i));
            }
        }
        return found;
    }

    @Test
    void keepsPiecesSortedAndFindsExactMatches() {
        PieceSet set = new PieceSet();
        set.add(0x5000, 0xFFF, 0x9000, 3);
        set.add(0x1000, 0xFFF, 0x8000, 1);
        set.add(0x3000, 0xFFF, 0x7000, 2);
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.iova(0)).isEqualTo(0x1000);
        assertThat(set.iova(2)).isEqualTo(0x5000);
        assertThat(set.contains(0x3000, 0xFFF, 0x7000, 2)).isTrue();
        assertThat(set.contains(0x3000, 0xFFF, 0x7000, 3)).isFalse();
        assertThat(set.contains(0x3000, 0xFFF, 0x6000, 2)).isFalse();
        set.add(0x3000, 0xFFF, 0x7000, 2);
        assertThat(set.size()).isEqualTo(3);
        set.remove(0x3000, 0xFFF, 0x7000, 2);
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.contains(0x3000, 0xFFF, 0x7000, 2)).isFalse();
    }

    @Test
    void findsOnlyThePiecesMeetingARangeIncludingLargeOnesStartingBelowIt() {
        PieceSet set = new PieceSet();
        for (long page = 0; page < 100; page++) {
            set.add(page << 12, 0xFFF, page << 12, 3);
        }
        assertThat(meeting(set, 0x10000, 0x11FFF)).containsExactly(0x10000L, 0x11000L);
        set.add(0x4000_0000L, 0x3FFF_FFFFL, 0, 3);
        assertThat(meeting(set, 0x7FFF_F000L, 0x7FFF_FFFFL)).containsExactly(0x4000_0000L);
        assertThat(meeting(set, 0x63000, 0x63FFF)).containsExactly(0x63000L);
    }

    @Test
    void holdsOverlappingPiecesWithTheSameIova() {
        PieceSet set = new PieceSet();
        set.add(0x20_0000, 0x1F_FFFF, 0x100_0000, 3);
        set.add(0x20_0000, 0xFFF, 0x5000, 3);
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.mask(0)).isEqualTo(0xFFF);
        assertThat(meeting(set, 0x30_0000, 0x30_0FFF)).containsExactly(0x20_0000L);
        set.removeAt(0);
        assertThat(set.mask(0)).isEqualTo(0x1F_FFFF);
        set.clear();
        assertThat(set.size()).isZero();
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        PieceSet set = new PieceSet();
        for (long page = 999; page >= 0; page--) {
            set.add(page << 12, 0xFFF, 0, 1);
        }
        assertThat(set.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(set.iova(i)).isEqualTo((long) i << 12);
        }
        assertThat(set.last(999)).isEqualTo(0x3E7FFFL);
        assertThat(set.permission(0)).isEqualTo(1);
        assertThat(set.translated(0)).isZero();
    }
}
