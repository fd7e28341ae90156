package io.vtdoracle.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.Vector;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.invalidation.PasidCacheInvalidation;
import io.vtdoracle.model.invalidation.PasidIotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.pasid.PasidGranularTranslationType;
import io.vtdoracle.model.pasid.PasidTableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The keyed scalable-mode caches answer every lookup as a plain list of entries scanned with the specification's
 * matching rules would (§6.5.2.2 – §6.5.2.4), over random fills of every kind and page size and invalidations of
 * every granularity: the IOTLB tagged by source-id, domain-id, PASID and kind, and the PASID cache.
 */
class ScalableCachesAgainstScanningTest {

    private static final long[] MASKS = {0xFFF, 0x1F_FFFF, 0x3FFF_FFFF};
    private static final PasidGranularTranslationType[] KINDS = {PasidGranularTranslationType.FIRST_STAGE,
            PasidGranularTranslationType.SECOND_STAGE, PasidGranularTranslationType.PASS_THROUGH};

    @Test
    void iotlbLookupsEqualAScanOfEveryEntryFilled() {
        Random random = new Random(11);
        ScalableIotlb iotlb = ScalableIotlb.empty();
        List<ScalableIotlbEntry> scanned = new ArrayList<>();
        for (int step = 0; step < 6_000; step++) {
            int did = random.nextInt(3);
            int pasid = random.nextInt(3);
            long address = randomAddress(random);
            int choice = random.nextInt(20);
            if (choice < 12) {
                long mask = MASKS[random.nextInt(8) == 0 ? 2 : random.nextInt(2)];
                ScalableIotlbEntry entry = new ScalableIotlbEntry(new SourceId(random.nextInt(8)), did, pasid,
                        KINDS[random.nextInt(3)], new CachedTranslation(new Leaf(address & ~mask, mask,
                        random.nextInt(4) << 12, Permission.READ_WRITE), random.nextBoolean()));
                iotlb = iotlb.with(entry);
                scanned.add(entry);
            } else if (choice < 15) {
                IotlbInvalidation.Page page = randomPage(random, did, address);
                iotlb = iotlb.invalidate(page);
                // §6.5.2.3: first-stage entries of the domain go whatever the range
                scanned.removeIf(entry -> entry.domainId() == did && (entry.kind()
                        == PasidGranularTranslationType.FIRST_STAGE || meets(entry, page)));
            } else if (choice < 17) {
                IotlbInvalidation.Page page = randomPage(random, did, address);
                iotlb = iotlb.invalidate(new PasidIotlbInvalidation.PageWithinPasid(pasid, page));
                scanned.removeIf(entry -> entry.domainId() == did && entry.pasid() == pasid
                        && entry.kind() == PasidGranularTranslationType.FIRST_STAGE && meets(entry, page));
            } else if (choice < 18) {
                iotlb = iotlb.invalidate(new PasidIotlbInvalidation.Pasid(did, pasid));
                scanned.removeIf(entry -> entry.domainId() == did && entry.pasid() == pasid
                        && entry.kind() != PasidGranularTranslationType.SECOND_STAGE);
            } else if (choice < 19) {
                iotlb = iotlb.invalidate(new IotlbInvalidation.Domain(did));
                scanned.removeIf(entry -> entry.domainId() == did);
            } else if (random.nextInt(10) == 0) {
                iotlb = iotlb.invalidate(new IotlbInvalidation.Global());
                scanned.clear();
            }
            for (int probe = 0; probe < 4; probe++) {
                SourceId who = new SourceId(random.nextInt(8));
                int domain = random.nextInt(3);
                int which = random.nextInt(3);
                long at = randomAddress(random);
                assertThat(iotlb.lookup(who, domain, which, at)).containsExactlyInAnyOrderElementsOf(
                        scanned.stream().filter(entry -> entry.source().equals(who) && entry.domainId() == domain
                                        && entry.pasid() == which && entry.translation().leaf().contains(at))
                                .map(ScalableIotlbEntry::translation).distinct().toList());
            }
        }
    }

    @Test
    void pasidCacheLookupsEqualAScanOfEveryEntryFilled() {
        Random random = new Random(13);
        PasidCache cache = PasidCache.empty();
        List<CachedPasidEntry> scanned = new ArrayList<>();
        for (int step = 0; step < 6_000; step++) {
            int did = random.nextInt(4);
            int pasid = random.nextInt(4);
            int choice = random.nextInt(20);
            if (choice < 14) {
                CachedPasidEntry entry = new CachedPasidEntry(new SourceId(random.nextInt(8)), pasid,
                        random.nextBoolean(), new PasidTableEntry(Vector.of(random.nextInt(4) << 12 | 1L,
                        (long) did, 0L, 0L, 0L, 0L, 0L, 0L)));
                cache = cache.with(entry);
                scanned.add(entry);
            } else if (choice < 17) {
                cache = cache.invalidate(new PasidCacheInvalidation.Pasid(did, pasid));
                scanned.removeIf(entry -> entry.entry().domainId() == did && entry.pasid() == pasid);
            } else if (choice < 19) {
                cache = cache.invalidate(new PasidCacheInvalidation.Domain(did));
                scanned.removeIf(entry -> entry.entry().domainId() == did);
            } else if (random.nextInt(10) == 0) {
                cache = cache.invalidate(new PasidCacheInvalidation.Global());
                scanned.clear();
            }
            for (int probe = 0; probe < 4; probe++) {
                SourceId who = new SourceId(random.nextInt(8));
                int which = random.nextInt(4);
                assertThat(cache.entriesOf(who, which)).containsExactlyInAnyOrderElementsOf(scanned.stream()
                        .filter(entry -> entry.source().equals(who) && entry.pasid() == which).distinct().toList());
            }
        }
    }

    /** Addresses in a few 1 GiB regions, so that entries, probes and ranges meet often. */
    private static long randomAddress(Random random) {
        return (long) random.nextInt(3) << 30 | (long) random.nextInt(1 << 12) << 12 | random.nextInt(1 << 12);
    }

    private static IotlbInvalidation.Page randomPage(Random random, int did, long address) {
        return IotlbInvalidation.Page.aligned(did, address,
                random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(20), false);
    }

    /** The scanning rule: two aligned power-of-two blocks meet when they agree above the larger's offset. */
    private static boolean meets(ScalableIotlbEntry entry, IotlbInvalidation.Page page) {
        Leaf leaf = entry.translation().leaf();
        int rangeBits = 12 + page.addressMask();
        long rangeMask = rangeBits >= 64 ? -1L : (1L << rangeBits) - 1;
        return ((page.address() ^ leaf.iova()) & ~(rangeMask | leaf.pageMask())) == 0;
    }
}
