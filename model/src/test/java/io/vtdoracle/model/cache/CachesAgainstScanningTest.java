package io.vtdoracle.model.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.roottable.ContextEntry;
import io.vtdoracle.model.roottable.ContextFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The keyed caches answer every lookup as a plain list of entries scanned with the specification's matching rules
 * (§6.5.1.1, §6.5.1.2) would, over random fills and invalidations of every granularity: superpages, function
 * masks, and page-selective ranges of every AM.
 */
class CachesAgainstScanningTest {

    private static final long[] MASKS = {0xFFF, 0x1F_FFFF, 0x3FFF_FFFF};

    @Test
    void lookupsEqualAScanOfEveryEntryFilled() {
        Random random = new Random(7);
        Caches caches = Caches.empty();
        List<CacheEntry> scanned = new ArrayList<>();
        for (int step = 0; step < 6_000; step++) {
            SourceId source = new SourceId(random.nextInt(24));
            int did = random.nextInt(4);
            long address = randomAddress(random);
            int choice = random.nextInt(20);
            if (choice < 12) {
                CacheEntry entry = randomEntry(random, source, did, address);
                caches = caches.with(entry);
                scanned.add(entry);
            } else if (choice < 16) {
                IotlbInvalidation.Page page = IotlbInvalidation.Page.aligned(did, address,
                        random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(20), false);
                caches = caches.invalidate(page);
                scanned.removeIf(entry -> meets(entry, page));
            } else if (choice < 17) {
                caches = caches.invalidate(new IotlbInvalidation.Domain(did));
                scanned.removeIf(entry -> entry instanceof IotlbEntry t && t.domainId() == did
                        || entry instanceof CachedPageFault f && f.domainId() == did);
            } else if (choice < 18) {
                caches = caches.invalidate(new ContextInvalidation.Domain(did));
                scanned.removeIf(entry -> entry instanceof CachedContext c && c.entry().domainId() == did
                        || entry instanceof CachedContextFault && did == 0);
            } else {
                ContextInvalidation.Device device = new ContextInvalidation.Device(source, random.nextInt(4));
                caches = caches.invalidate(device);
                scanned.removeIf(entry -> entry instanceof CachedContext c && device.covers(c.source())
                        || entry instanceof CachedContextFault f && device.covers(f.source()));
            }
            for (int probe = 0; probe < 4; probe++) {
                SourceId who = new SourceId(random.nextInt(24));
                int domain = random.nextInt(4);
                long at = randomAddress(random);
                assertThat(caches.translationsOf(who, domain, at)).containsExactlyInAnyOrderElementsOf(
                        scanned.stream().filter(e -> e instanceof IotlbEntry t && t.source().equals(who)
                                && t.domainId() == domain && t.leaf().contains(at))
                                .map(e -> ((IotlbEntry) e).leaf()).distinct().toList());
                assertThat(caches.pageFaultsOf(who, domain, at)).containsExactlyInAnyOrderElementsOf(
                        scanned.stream().filter(e -> e instanceof CachedPageFault f && f.source().equals(who)
                                && f.domainId() == domain && f.page() == (at & ~0xFFFL))
                                .map(e -> ((CachedPageFault) e).reason()).distinct().toList());
                assertThat(caches.contextsOf(who)).containsExactlyInAnyOrderElementsOf(
                        scanned.stream().filter(e -> e instanceof CachedContext c && c.source().equals(who))
                                .map(e -> ((CachedContext) e).entry()).distinct().toList());
                assertThat(caches.contextFaultsOf(who)).containsExactlyInAnyOrderElementsOf(
                        scanned.stream().filter(e -> e instanceof CachedContextFault f && f.source().equals(who))
                                .map(e -> ((CachedContextFault) e).fault()).distinct().toList());
            }
        }
    }

    /** Addresses in a few 1 GiB regions, so that entries, probes and ranges meet often. */
    private static long randomAddress(Random random) {
        return (long) random.nextInt(3) << 30 | (long) random.nextInt(1 << 12) << 12 | random.nextInt(1 << 12);
    }

    private static CacheEntry randomEntry(Random random, SourceId source, int did, long address) {
        switch (random.nextInt(4)) {
            case 0:
                return new CachedContext(source, new ContextEntry(0x100001, (long) did << 8 | 1));
            case 1:
                return new CachedContextFault(source, new ContextFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT,
                        random.nextBoolean()));
            case 2:
                return new CachedPageFault(source, did, address & ~0xFFFL,
                        random.nextBoolean() ? FaultReason.READ_NOT_PERMITTED : FaultReason.PAGING_ENTRY_RESERVED);
            default:
                long mask = MASKS[random.nextInt(8) == 0 ? 2 : random.nextInt(2)];
                return new IotlbEntry(source, did, new Leaf(address & ~mask, mask, random.nextInt(4) << 12,
                        Permission.READ_WRITE));
        }
    }

    /** The old scanning rule: two aligned power-of-two blocks meet when they agree above the larger's offset. */
    private static boolean meets(CacheEntry entry, IotlbInvalidation.Page page) {
        long base;
        long mask;
        if (entry instanceof IotlbEntry t && t.domainId() == page.did()) {
            base = t.leaf().iova();
            mask = t.leaf().pageMask();
        } else if (entry instanceof CachedPageFault f && f.domainId() == page.did()) {
            base = f.page();
            mask = 0xFFF;
        } else {
            return false;
        }
        int rangeBits = 12 + page.addressMask();
        long rangeMask = rangeBits >= 64 ? -1L : (1L << rangeBits) - 1;
        return ((page.address() ^ base) & ~(rangeMask | mask)) == 0;
    }
}
