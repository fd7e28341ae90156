package io.vtdoracle.impl.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuestMemoryTest {

    @Test
    void unwrittenMemoryReadsZero() {
        GuestMemory memory = new GuestMemory(1L << 48);
        assertThat(memory.read(0)).isZero();
        assertThat(memory.read((1L << 48) - 8)).isZero();
    }

    @Test
    void wordsAreAlignedDownToEightBytes() {
        GuestMemory memory = new GuestMemory(0x10_0000);
        memory.write(0x1005, 0x1122_3344_5566_7788L);
        assertThat(memory.read(0x1000)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(memory.read(0x1007)).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(memory.read(0x1008)).isZero();
    }

    @Test
    void pagesAreIndependentAcrossTheRadixTree() {
        GuestMemory memory = new GuestMemory(1L << 48);
        long[] addresses = {0, 0xFF8, 0x1000, 0xFFF_FFF8L, 0x1000_0000L, (1L << 36) + 8, (1L << 48) - 8};
        for (int i = 0; i < addresses.length; i++) {
            memory.write(addresses[i], i + 1);
        }
        for (int i = 0; i < addresses.length; i++) {
            assertThat(memory.read(addresses[i])).as("0x%x", addresses[i]).isEqualTo(i + 1);
        }
    }

    @Test
    void writingZeroToAnUnallocatedPageKeepsItZero() {
        GuestMemory memory = new GuestMemory(0x10_0000);
        memory.write(0x2000, 0);
        assertThat(memory.read(0x2000)).isZero();
        memory.write(0x2000, 5);
        memory.write(0x2000, 0);
        assertThat(memory.read(0x2000)).isZero();
    }

    @Test
    void dwordWritesReplaceOneHalfOfTheWord() {
        GuestMemory memory = new GuestMemory(0x10_0000);
        memory.write(0x3000, 0xAAAA_AAAA_BBBB_BBBBL);
        memory.writeDword(0x3004, 0x1234_5678);
        assertThat(memory.read(0x3000)).isEqualTo(0x1234_5678_BBBB_BBBBL);
        memory.writeDword(0x3000, 0xCAFE_F00D);
        assertThat(memory.read(0x3000)).isEqualTo(0x1234_5678_CAFE_F00DL);
    }

    @Test
    void containsRejectsNegativeAndWrappingAddresses() {
        GuestMemory memory = new GuestMemory(0x10_0000);
        assertThat(memory.contains(0)).isTrue();
        assertThat(memory.contains(0xF_FFFF)).isTrue();
        assertThat(memory.contains(0x10_0000)).isFalse();
        assertThat(memory.contains(-8)).isFalse();
        assertThat(memory.contains(0xF_F000, 0xFF8)).isTrue();
        assertThat(memory.contains(0xF_F000, 0x1000)).isFalse();
        assertThat(memory.contains(0xFFFF_FFFF_FFFF_F000L, 0x2000)).isFalse();
    }

    @Test
    void sizeMustBeWholePagesUpTo2To48() {
        assertThatThrownBy(() -> new GuestMemory(0x1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuestMemory((1L << 48) + 0x1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
