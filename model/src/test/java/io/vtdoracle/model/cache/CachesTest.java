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
    private static final Leaf PAGE_4K = new Leaf(0x3000, 0xFFF, 0x9000, Permission.READ_WRITE);
    private static final Leaf PAGE_2M = new Leaf(0x40_0000, 0x1F_FFFF, 0x80_0000, Permission.READ);

    private static final Caches FILLED = Caches.empty()
            .withContext(A, DOMAIN_5).withContext(B, DOMAIN_6)
            .withTranslation(A, 5, PAGE_4K).withTranslation(A, 5, PAGE_2M).withTranslation(B, 6, PAGE_4K)
            .withContextFault(B, new ContextFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, false))
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
    void contextInvalidationsCoverTheirGranularityAndLeaveTheIotlb() {
        Caches global = FILLED.invalidate(new ContextInvalidation.Global());
        assertThat(global.contexts()).isEmpty();
        assertThat(global.contextFaults()).isEmpty();
        assertThat(global.iotlb()).isEqualTo(FILLED.iotlb());
        Caches domain = FILLED.invalidate(new ContextInvalidation.Domain(5));
        assertThat(domain.contextsOf(A)).isEmpty();
        assertThat(domain.contextsOf(B)).containsExactly(DOMAIN_6);
        assertThat(domain.contextFaults()).isEqualTo(FILLED.contextFaults());
        // §6.1: with caching mode, cached faults are tagged with domain 0
        assertThat(FILLED.invalidate(new ContextInvalidation.Domain(0)).contextFaults()).isEmpty();
        Caches device = FILLED.invalidate(new ContextInvalidation.Device(B, 0));
        assertThat(device.contextsOf(B)).isEmpty();
        assertThat(device.contextFaultsOf(B)).isEmpty();
        assertThat(device.contextsOf(A)).containsExactly(DOMAIN_5);
        assertThat(FILLED.invalidate(new ContextInvalidation.Device(A, 0)).contextFaultsOf(B)).hasSize(1);
    }

    @Test
    void iotlbGlobalAndDomainInvalidations() {
        Caches global = FILLED.invalidate(new IotlbInvalidation.Global());
        assertThat(global.iotlb()).isEmpty();
        assertThat(global.pageFaults()).isEmpty();
        assertThat(global.contexts()).isEqualTo(FILLED.contexts());
        Caches domain = FILLED.invalidate(new IotlbInvalidation.Domain(5));
        assertThat(domain.iotlb()).containsExactly(new IotlbEntry(B, 6, PAGE_4K));
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
        assertThat(FILLED.invalidate(new IotlbInvalidation.Page(5, 0, 63, false)).iotlb())
                .containsExactly(new IotlbEntry(B, 6, PAGE_4K));
    }
}
