package io.vtdoracle.model.pasid;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.Vector;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import org.junit.jupiter.api.Test;

/** §9.6 as contract §9.3 reads it: the fields, the reserved bits and the valid programming of a PASID-table entry. */
class PasidTableEntryTest {

    private static final Capabilities SECOND = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE);
    private static final Capabilities FIRST = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE);
    private static final Capabilities ALL = Capabilities.DEFAULT.withAddressWidth(48)
            .withScalableMode(ScalableMode.ALL);

    private static PasidTableEntry entry(long word0, long word1, long word2) {
        return new PasidTableEntry(Vector.of(word0, word1, word2, 0L, 0L, 0L, 0L, 0L));
    }

    @Test
    void fieldsAreDecodedFromTheirBits() {
        PasidTableEntry entry = entry(0x12_3000L | 2 << 6 | 1 << 2 | 3, 0xFFFF_0000_0000_1234L, 0x45_6000L | 1 << 2);
        assertThat(entry.present()).isTrue();
        assertThat(entry.faultProcessingDisabled()).isTrue();
        assertThat(entry.translationType()).isEqualTo(PasidGranularTranslationType.SECOND_STAGE);
        assertThat(entry.secondStageLevels()).isEqualTo(3);
        assertThat(entry.secondStagePageTablePointer()).isEqualTo(0x12_3000L);
        assertThat(entry.domainId()).isEqualTo(0x1234);
        assertThat(entry.firstStageLevels()).isEqualTo(5);
        assertThat(entry.firstStagePageTablePointer()).isEqualTo(0x45_6000L);
    }

    @Test
    void reservedBitsDependOnTheTypeAndTheCapabilities() {
        long secondStage = 2 << 6 | 1 << 2 | 1;
        assertThat(entry(secondStage, 0, 0).reservedBitsSet(SECOND)).isFalse();
        assertThat(entry(secondStage | 1L << 9, 0, 0).reservedBitsSet(SECOND)).as("SSADE").isTrue();
        assertThat(entry(secondStage | 1L << 39, 0, 0).reservedBitsSet(SECOND)).as("SSPTPTR beyond HAW").isTrue();
        assertThat(entry(4 << 6 | 1L << 39 | 1, 0, 0).reservedBitsSet(SECOND))
                .as("SSPTPTR unused by pass-through").isFalse();
        assertThat(entry(secondStage, 1L << 16, 0).reservedBitsSet(SECOND)).isTrue();
        assertThat(entry(secondStage, 0, 1).reservedBitsSet(SECOND)).as("SRE with SRS").isFalse();
        assertThat(entry(1 << 6 | 1, 0, 1).reservedBitsSet(FIRST)).as("SRE without SRS").isTrue();
        assertThat(entry(1 << 6 | 1, 0, 1L << 39).reservedBitsSet(FIRST)).as("FSPTPTR beyond HAW").isTrue();
        assertThat(entry(secondStage, 0, 2).reservedBitsSet(SECOND)).as("ERE").isTrue();
        assertThat(new PasidTableEntry(Vector.of(secondStage, 0L, 0L, 0L, 0L, 0L, 0L, 1L << 63))
                .reservedBitsSet(SECOND)).as("word 7").isTrue();
    }

    @Test
    void validProgrammingNeedsTheTypesCapability() {
        assertThat(entry(2 << 6 | 1 << 2 | 1, 0, 0).validProgramming(SECOND)).isTrue();
        assertThat(entry(2 << 6 | 2 << 2 | 1, 0, 0).validProgramming(SECOND)).as("AW 48 on a 39-bit unit").isFalse();
        assertThat(entry(2 << 6 | 2 << 2 | 1, 0, 0).validProgramming(ALL)).isTrue();
        assertThat(entry(2 << 6 | 1 << 2 | 1, 0, 0).validProgramming(FIRST)).as("no SLTS").isFalse();
        assertThat(entry(1 << 6 | 1, 0, 0).validProgramming(SECOND)).as("no FLTS").isFalse();
        assertThat(entry(1 << 6 | 1, 0, 1 << 2).validProgramming(FIRST)).as("5-level without FL5LP").isFalse();
        assertThat(entry(1 << 6 | 1, 0, 1 << 2).validProgramming(ALL)).isTrue();
        assertThat(entry(1 << 6 | 1, 0, 2 << 2).validProgramming(ALL)).as("FSPM 10b").isFalse();
        assertThat(entry(4 << 6 | 1, 0, 0).validProgramming(SECOND)).isTrue();
        assertThat(entry(4 << 6 | 1, 0, 0).validProgramming(SECOND.withPassThrough(false))).isFalse();
        for (int pgtt : new int[] {0, 3, 5, 6, 7}) {
            assertThat(entry((long) pgtt << 6 | 1, 0, 0).validProgramming(ALL)).as("PGTT %d", pgtt).isFalse();
        }
    }
}
