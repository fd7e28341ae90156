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
import org.junit.jupiter.api.Test;

class CachesTest {

    private static final SourceId A = SourceId.of(0, 3, 0);
    private static final SourceId B = SourceId.of(0, 4, 0);
    private static final ContextEntry DOMAIN_5 = new ContextEntry(0x100001, 5L << 8 | 1);
    private static final ContextEntry DOMAIN_6 = new ContextEntry(0x100001, 6L << 8 | 1);
    private static final ContextFault NOT_PRESENT = new ContextFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, false);
    private static final Leaf PAGE_4K = new Leaf(0x3000, 0xFFF, 0x9000, Permission.READ_WRITE);
    private static final Leaf PAGE_2M = new Leaf(0x40_0000, 0x1F_FFFF, 0x80_0000, Permission.READ);

    private static final Caches FILLED = Caches.empty()
            .withContext(A, DOMAIN_5).withContext(B, DOMAIN_6)
            .withTranslation(A, 5, PAGE_4K).withTranslation(A, 5, PAGE_2M).withTranslation(B, 6, PAGE_4K)
            .withContextFault(B, NOT_PRESENT)
            .withPageFault(A, 5, 0x7123, FaultReason.READ_NOT_PERMITTED)
            .withPageFault(B, 6, 0x7123, FaultReason.PAGING_ENTRY_RESERVED);

    @Test
    void lookupsMatchSourceDomainAndPage() {
        assertThat(FILLED.contextsOf(A)).containsExactly(DOMAIN_5);
        assertThat(FILLED.translationsOf(A, 5, 0x3FFF)).containsExactly(PAGE_4K);
        assertThat(FILLED.translationsOf(A, 5, 0x4000)).isEmpty();
        assertThat(FILLED.translationsOf(A, 6, 0x3000)).isEmpty();
        assertThat(FILLED.translationsOf(A, 5, 0x5F_FFFF)).containsExactly(PAGE_2M);
        assertThat(FILLED.pageFaultsOf(A, 5, 0x7FF0)).containsExactly(FaultReason.READ_NOT_PERMITTED);
        assertThat(FILLED.pageFaultsOf(A, 5, 0x8000)).isEmpty();
        assertThat(FILLED.contextFaultsOf(B)).hasSize(1);
        assertThat(FILLED.contextFaultsOf(A)).isEmpty();
    }

    @Test
    void superpageEntriesAreFoundFromEveryAddressTheyMap() {
        Leaf gigabyte = new Leaf(0x4000_0000L, 0x3FFF_FFFFL, 0x1_0000_0000L, Permission.READ_WRITE);
        Caches caches = FILLED.withTranslation(A, 5, gigabyte);
        assertThat(caches.translationsOf(A, 5, 0x4000_0000L)).containsExactly(gigabyte);
        assertThat(caches.translationsOf(A, 5, 0x7FFF_FFFFL)).containsExactly(gigabyte);
        assertThat(caches.translationsOf(A, 5, 0x8000_0000L)).isEmpty();
        // a 2M leaf inside the 1G one: both may answer, the smaller first
        Leaf inside = new Leaf(0x4020_0000L, 0x1F_FFFF, 0x2_0000_0000L, Permission.READ);
        assertThat(caches.withTranslation(A, 5, inside).translationsOf(A, 5, 0x4020_1234L))
                .containsExactly(inside, gigabyte);
        assertThat(caches.translationsOf(B, 5, 0x4000_0000L)).isEmpty();
    }

    @Test
    void aPageHoldsEveryLeafFilledForItInFillOrder() {
        Leaf changed = new Leaf(0x3000, 0xFFF, 0xA000, Permission.READ_WRITE);
        Caches both = FILLED.withTranslation(A, 5, changed).withTranslation(A, 5, PAGE_4K);
        assertThat(both.translationsOf(A, 5, 0x3000)).containsExactly(PAGE_4K, changed);
    }

    @Test
    void theSameEntriesFilledInAnotherOrderAreTheSameCaches() {
        Caches reordered = Caches.empty()
                .withPageFault(B, 6, 0x7000, FaultReason.PAGING_ENTRY_RESERVED)
                .withTranslation(B, 6, PAGE_4K).withTranslation(A, 5, PAGE_2M).withTranslation(A, 5, PAGE_4K)
                .withContextFault(B, NOT_PRESENT).withContext(B, DOMAIN_6).withContext(A, DOMAIN_5)
                .withPageFault(A, 5, 0x7000, FaultReason.READ_NOT_PERMITTED);
        assertThat(reordered).isEqualTo(FILLED);
        // and removing what was added gives back the caches before
        Caches added = FILLED.withTranslation(A, 9, PAGE_2M).withContext(A, new ContextEntry(0x100001, 9L << 8 | 1));
        assertThat(added.invalidate(new IotlbInvalidation.Domain(9)).invalidate(new ContextInvalidation.Domain(9))
                .withContext(A, DOMAIN_5)).isEqualTo(FILLED);
    }

    @Test
    void contextInvalidationsCoverTheirGranularityAndLeaveTheIotlb() {
        Caches global = FILLED.invalidate(new ContextInvalidation.Global());
        assertThat(global.contextCache()).isEqualTo(ContextCache.empty());
        assertThat(global.iotlb()).isEqualTo(FILLED.iotlb());
        Caches domain = FILLED.invalidate(new ContextInvalidation.Domain(5));
        assertThat(domain.contextsOf(A)).isEmpty();
        assertThat(domain.contextsOf(B)).containsExactly(DOMAIN_6);
        assertThat(domain.contextFaultsOf(B)).containsExactly(NOT_PRESENT);
        // §6.1: with caching mode, cached faults are tagged with domain 0
        assertThat(FILLED.invalidate(new ContextInvalidation.Domain(0)).contextFaultsOf(B)).isEmpty();
        Caches device = FILLED.invalidate(new ContextInvalidation.Device(B, 0));
        assertThat(device.contextsOf(B)).isEmpty();
        assertThat(device.contextFaultsOf(B)).isEmpty();
        assertThat(device.contextsOf(A)).containsExactly(DOMAIN_5);
        assertThat(FILLED.invalidate(new ContextInvalidation.Device(A, 0)).contextFaultsOf(B)).hasSize(1);
    }

    @Test
    void aDeviceInvalidationWithAFunctionMaskCoversTheOtherFunctions() {
        SourceId function5 = SourceId.of(0, 4, 5);
        Caches caches = FILLED.withContext(function5, DOMAIN_5).withContextFault(function5, NOT_PRESENT);
        // FM 2 ignores function bits 2:1: functions 0..7 with bit 0 = 1, so not function 0 (B)
        Caches masked = caches.invalidate(new ContextInvalidation.Device(SourceId.of(0, 4, 1), 2));
        assertThat(masked.contextsOf(function5)).isEmpty();
        assertThat(masked.contextFaultsOf(function5)).isEmpty();
        assertThat(masked.contextsOf(B)).containsExactly(DOMAIN_6);
        // FM 3 ignores all three: every function of the device
        Caches all = caches.invalidate(new ContextInvalidation.Device(SourceId.of(0, 4, 2), 3));
        assertThat(all.contextsOf(B)).isEmpty();
        assertThat(all.contextsOf(function5)).isEmpty();
        assertThat(all.contextsOf(A)).containsExactly(DOMAIN_5);
    }

    @Test
    void aDomainInvalidationKeepsTheOtherDomainsOfTheSameSource() {
        Caches moved = FILLED.withContext(A, DOMAIN_6);
        Caches invalidated = moved.invalidate(new ContextInvalidation.Domain(5));
        assertThat(invalidated.contextsOf(A)).containsExactly(DOMAIN_6);
        assertThat(invalidated.invalidate(new ContextInvalidation.Domain(6)).contextsOf(A)).isEmpty();
        assertThat(invalidated.invalidate(new ContextInvalidation.Domain(6)).contextCache().byDomain()).isEmpty();
    }

    @Test
    void iotlbGlobalAndDomainInvalidations() {
        Caches global = FILLED.invalidate(new IotlbInvalidation.Global());
        assertThat(global.translations()).isEmpty();
        assertThat(global.pageFaults()).isEmpty();
        assertThat(global.contextCache()).isEqualTo(FILLED.contextCache());
        Caches domain = FILLED.invalidate(new IotlbInvalidation.Domain(5));
        assertThat(domain.translations()).containsExactly(new IotlbEntry(B, 6, PAGE_4K));
        assertThat(domain.pageFaults()).containsExactly(
                new CachedPageFault(B, 6, 0x7000, FaultReason.PAGING_ENTRY_RESERVED));
    }

    @Test
    void pageSelectiveInvalidationRemovesEntriesOfItsDomainMeetingTheRange() {
        Caches page = FILLED.invalidate(new IotlbInvalidation.Page(5, 0x3000, 0, false));
        assertThat(page.translationsOf(A, 5, 0x3000)).isEmpty();
        assertThat(page.translationsOf(B, 6, 0x3000)).containsExactly(PAGE_4K);
        assertThat(page.translationsOf(A, 5, 0x40_0000)).containsExactly(PAGE_2M);
        // a 4K invalidation inside a 2 MiB entry removes it whole
        Caches inside = FILLED.invalidate(new IotlbInvalidation.Page(5, 0x5F_F000, 0, false));
        assertThat(inside.translationsOf(A, 5, 0x40_0000)).isEmpty();
        assertThat(inside.translationsOf(A, 5, 0x3000)).containsExactly(PAGE_4K);
        // a range covering both, but not the faulting page 0x7000
        Caches wide = FILLED.invalidate(new IotlbInvalidation.Page(5, 0, 10, false));
        assertThat(wide.translationsOf(A, 5, 0x3000)).isEmpty();
        assertThat(wide.translationsOf(A, 5, 0x40_0000)).containsExactly(PAGE_2M);
        Caches all = FILLED.invalidate(new IotlbInvalidation.Page(5, 0, 11, false));
        assertThat(all.translationsOf(A, 5, 0x40_0000)).isEmpty();
        assertThat(all.pageFaultsOf(A, 5, 0x7000)).isEmpty();
        assertThat(all.pageFaultsOf(B, 6, 0x7000)).containsExactly(FaultReason.PAGING_ENTRY_RESERVED);
        // the neighbouring page misses
        assertThat(FILLED.invalidate(new IotlbInvalidation.Page(5, 0x4000, 0, false)).translationsOf(A, 5, 0x3000))
                .containsExactly(PAGE_4K);
        // the largest masks do not overflow: 2^52 pages cover every address
        Caches high = FILLED.withTranslation(A, 5, new Leaf(0x7000_0000_0000L, 0xFFF, 0, Permission.READ));
        assertThat(high.invalidate(new IotlbInvalidation.Page(5, 0, 52, false)).translationsOf(A, 5, 0x7000_0000_0000L))
                .isEmpty();
        assertThat(high.invalidate(new IotlbInvalidation.Page(5, 0x8000_0000_0000L, 30, false))
                .translationsOf(A, 5, 0x7000_0000_0000L)).hasSize(1);
        assertThat(FILLED.invalidate(new IotlbInvalidation.Page(5, 0, 63, false)).translations())
                .containsExactly(new IotlbEntry(B, 6, PAGE_4K));
    }

    @Test
    void pageSelectiveInvalidationWithAnAddressMaskBetweenTableLevels() {
        // AM 4: 16 pages from 0x10000; AM 12: 4096 pages (16 MiB) from 0x100_0000
        Caches caches = Caches.empty();
        for (long page = 0; page < 0x2000; page++) {
            caches = caches.withTranslation(A, 5, new Leaf(page << 12, 0xFFF, page << 12, Permission.READ));
        }
        Leaf superpage = new Leaf(0x200_0000, 0x1F_FFFF, 0, Permission.READ);
        caches = caches.withTranslation(A, 5, superpage);
        Caches sixteen = caches.invalidate(new IotlbInvalidation.Page(5, 0x10000, 4, false));
        assertThat(sixteen.translations()).hasSize(0x2000 + 1 - 16);
        assertThat(sixteen.translationsOf(A, 5, 0xF000)).hasSize(1);
        assertThat(sixteen.translationsOf(A, 5, 0x10000)).isEmpty();
        assertThat(sixteen.translationsOf(A, 5, 0x1F000)).isEmpty();
        assertThat(sixteen.translationsOf(A, 5, 0x20000)).hasSize(1);
        Caches sixteenMegabytes = caches.invalidate(new IotlbInvalidation.Page(5, 0x100_0000, 12, false));
        assertThat(sixteenMegabytes.translations()).hasSize(0x1000 + 1);
        assertThat(sixteenMegabytes.translationsOf(A, 5, 0xFF_F000)).hasSize(1);
        assertThat(sixteenMegabytes.translationsOf(A, 5, 0x100_0000)).isEmpty();
        assertThat(sixteenMegabytes.translationsOf(A, 5, 0x200_0000)).containsExactly(superpage);
        // AM 13 (32 MiB) ends just below the 2 MiB entry at 0x200_0000, AM 14 covers it
        assertThat(caches.invalidate(new IotlbInvalidation.Page(5, 0, 13, false)).translations())
                .containsExactly(new IotlbEntry(A, 5, superpage));
        assertThat(caches.invalidate(new IotlbInvalidation.Page(5, 0, 14, false)).translations()).isEmpty();
    }
}
