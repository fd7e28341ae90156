package io.vtdoracle.impl.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IotlbTest {

    @Test
    void findsEntriesOfEveryLevelByAnyAddressInTheirPage() {
        Iotlb iotlb = new Iotlb(16);
        iotlb.insert(0x10, 0x5000, 1, 0xA000 | 3, 7);
        iotlb.insert(0x10, 0x4020_0000L, 2, 0x8000_0000L | 1, 7);
        iotlb.insert(0x10, 0x8000_0000L, 3, 0x4000_0000L | 2, 9);

        int slot = iotlb.find(0x10, 0x5FFF);
        assertThat(iotlb.leaf(slot)).isEqualTo(0xA003);
        assertThat(iotlb.level(slot)).isEqualTo(1);
        assertThat(iotlb.tag(slot)).isEqualTo(7);
        assertThat(iotlb.level(iotlb.find(0x10, 0x403F_FFFFL))).isEqualTo(2);
        assertThat(iotlb.level(iotlb.find(0x10, 0xBFFF_FFFFL))).isEqualTo(3);
        assertThat(iotlb.find(0x11, 0x5000)).isEqualTo(-1);
        assertThat(iotlb.find(0x10, 0x6000)).isEqualTo(-1);
    }

    @Test
    void insertingTheSameKeyReplaces() {
        Iotlb iotlb = new Iotlb(4);
        iotlb.insert(1, 0x1000, 1, 0x2001, 1);
        iotlb.insert(1, 0x1234, 1, 0x3003, 2);
        assertThat(iotlb.size()).isEqualTo(1);
        assertThat(iotlb.leaf(iotlb.find(1, 0x1000))).isEqualTo(0x3003);
        assertThat(iotlb.tag(iotlb.find(1, 0x1000))).isEqualTo(2);
    }

    @Test
    void staysWithinCapacityByEvictingAndKeepsEveryHeldEntryCorrect() {
        Iotlb iotlb = new Iotlb(8);
        for (long page = 0; page < 1000; page++) {
            iotlb.insert(3, page << 12, 1, (page + 100) << 12, 1);
            assertThat(iotlb.size()).isLessThanOrEqualTo(8);
            assertThat(iotlb.find(3, page << 12)).as("the entry just inserted").isNotNegative();
        }
        int held = 0;
        for (long page = 0; page < 1000; page++) {
            int slot = iotlb.find(3, page << 12);
            if (slot >= 0) {
                held++;
                assertThat(iotlb.leaf(slot)).isEqualTo((page + 100) << 12);
            }
        }
        assertThat(held).isEqualTo(8);
    }

    @Test
    void matchesAReferenceMapUnderRandomInsertsAndInvalidations() {
        Random random = new Random(42);
        Iotlb iotlb = new Iotlb(64);
        Map<Long, long[]> reference = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            int sid = random.nextInt(4);
            long page = random.nextInt(200);
            int did = random.nextInt(3);
            switch (random.nextInt(10)) {
                case 0:
                    iotlb.invalidateDomain(did);
                    reference.values().removeIf(v -> v[1] == did);
                    break;
                case 1:
                    long first = (long) random.nextInt(200) << 12;
                    long last = first + ((long) random.nextInt(8) << 12) + 0xFFF;
                    iotlb.invalidateRange(did, first, last);
                    reference.entrySet().removeIf(e -> e.getValue()[1] == did
                            && (e.getKey() & 0xFFFF_FFFFL) << 12 <= last
                            && ((e.getKey() & 0xFFFF_FFFFL) << 12) + 0xFFF >= first);
                    break;
                default:
                    long leaf = (long) random.nextInt(1 << 20) << 12 | random.nextInt(4);
                    iotlb.insert(sid, page << 12, 1, leaf, did);
                    reference.put((long) sid << 32 | page, new long[] {leaf, did});
                    break;
            }
            // Eviction may drop any entry; whatever is still held must be exactly what was inserted.
            reference.entrySet().removeIf(e -> iotlb.find((int) (e.getKey() >>> 32), (e.getKey() & 0xFFFF_FFFFL) << 12) < 0);
            assertThat(iotlb.size()).isEqualTo(reference.size()).isLessThanOrEqualTo(64);
            for (Map.Entry<Long, long[]> e : reference.entrySet()) {
                int slot = iotlb.find((int) (e.getKey() >>> 32), (e.getKey() & 0xFFFF_FFFFL) << 12);
                assertThat(iotlb.leaf(slot)).isEqualTo(e.getValue()[0]);
                assertThat(iotlb.tag(slot)).isEqualTo((int) e.getValue()[1]);
            }
        }
    }

    @Test
    void probeClustersThatWrapAroundTheTableSurviveDeletion() {
        // Capacity 1 gives a table of four slots, so clusters wrap from the last slot to the first.
        Iotlb iotlb = new Iotlb(1);
        for (long page = 0; page < 64; page++) {
            iotlb.insert(0, page << 12, 1, page << 12, 0);
            assertThat(iotlb.find(0, page << 12)).isNotNegative();
            assertThat(iotlb.size()).isEqualTo(1);
        }
        Iotlb small = new Iotlb(3);
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            long page = random.nextInt(10);
            small.insert(0, page << 12, 1, page << 12 | 1, random.nextInt(2));
            if (random.nextBoolean()) {
                small.invalidateRange(random.nextInt(2), (long) random.nextInt(10) << 12, 0xFFFF_FFFFL);
            }
            int held = 0;
            for (long p = 0; p < 10; p++) {
                int slot = small.find(0, p << 12);
                if (slot >= 0) {
                    held++;
                    assertThat(small.leaf(slot)).isEqualTo(p << 12 | 1);
                }
            }
            assertThat(held).isEqualTo(small.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void pageSelectiveInvalidationRemovesLargePagesItTouches() {
        Iotlb iotlb = new Iotlb(16);
        iotlb.insert(1, 0x4000_0000L, 3, 0, 5);
        iotlb.insert(1, 0x20_0000L, 2, 0, 5);
        iotlb.insert(1, 0x1000, 1, 0, 5);
        iotlb.invalidateRange(5, 0x7FFF_F000L, 0x7FFF_FFFFL);
        assertThat(iotlb.find(1, 0x4000_0000L)).isEqualTo(-1);
        assertThat(iotlb.find(1, 0x20_0000L)).isNotNegative();
        iotlb.invalidateRange(6, 0, -1L);
        assertThat(iotlb.size()).isEqualTo(2);
        iotlb.clear();
        assertThat(iotlb.size()).isZero();
        assertThat(iotlb.find(1, 0x1000)).isEqualTo(-1);
    }
}
