package io.vtdoracle.impl;

import static io.vtdoracle.impl.ScalableGuest.CONTEXT;
import static io.vtdoracle.impl.ScalableGuest.DEVICE;
import static io.vtdoracle.impl.ScalableGuest.DIRECTORY;
import static io.vtdoracle.impl.ScalableGuest.FIRST_STAGE;
import static io.vtdoracle.impl.ScalableGuest.PASID_TABLE;
import static io.vtdoracle.impl.ScalableGuest.PASS_THROUGH;
import static io.vtdoracle.impl.ScalableGuest.SECOND_STAGE_3_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import org.junit.jupiter.api.Test;

/**
 * Contract §9.9: the implementation answers scalable-mode requests from its context, PASID and IOTLB caches, and
 * after the invalidation that covers a changed entry it gives the fresh walk's result.
 */
class ScalableCachingTest {

    private static final Capabilities CAPABILITIES = Capabilities.DEFAULT.withScalableMode(ScalableMode.ALL);
    private static final long PML4 = 0x10_0000;
    private static final long PDPT = 0x10_1000;
    private static final long PD = 0x10_2000;
    private static final long PT = 0x10_3000;
    private static final long SS_TOP = 0x20_0000;
    private static final long SS_MIDDLE = 0x20_1000;
    private static final long SS_BOTTOM = 0x20_2000;
    private static final long USER_WRITABLE_PRESENT = 7;
    private static final long DIRTY = 1L << 6;
    private static final long IOVA = 0x3000;
    private static final long LEAF = PT + 3 * 8;
    private static final long SS_LEAF = SS_BOTTOM + 3 * 8;
    private static final long OLD = 0x9000;
    private static final long NEW = 0xA000;
    private static final long FPD = 2;

    private static ScalableGuest firstStage() {
        return new ScalableGuest(CAPABILITIES).pasidEntry(FIRST_STAGE, PML4)
                .memory(PML4, PDPT | USER_WRITABLE_PRESENT).memory(PDPT, PD | USER_WRITABLE_PRESENT)
                .memory(PD, PT | USER_WRITABLE_PRESENT).memory(LEAF, OLD | USER_WRITABLE_PRESENT);
    }

    private static ScalableGuest secondStage(long pasidFlags, long rights) {
        return new ScalableGuest(CAPABILITIES).pasidEntry(SS_TOP | SECOND_STAGE_3_LEVEL | pasidFlags, 0)
                .memory(SS_TOP, SS_MIDDLE | 3).memory(SS_MIDDLE, SS_BOTTOM | 3).memory(SS_LEAF, OLD | rights);
    }

    private static Result translated(long address, Permission permission) {
        return new Result.Translated(address, 0xFFF, permission);
    }

    @Test
    void firstStageTranslationsStayCachedUntilAPasidIotlbInvalidationCoversTheirPage() {
        ScalableGuest guest = firstStage();
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(OLD, Permission.READ_WRITE));
        guest.memory(LEAF, NEW | USER_WRITABLE_PRESENT);
        assertThat(guest.dma(IOVA, Access.READ)).as("an IOTLB hit").isEqualTo(translated(OLD, Permission.READ_WRITE));
        guest.invalidatePasidPage(0x5000);
        assertThat(guest.dma(IOVA, Access.READ)).as("another page invalidated")
                .isEqualTo(translated(OLD, Permission.READ_WRITE));
        guest.invalidatePasidPage(IOVA);
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(NEW, Permission.READ_WRITE));
        assertThat(guest.queueHealthy()).isTrue();
    }

    @Test
    void anIotlbPageInvalidationOfTheDomainRemovesItsFirstStageEntriesWhateverTheirPage() {
        ScalableGuest guest = firstStage();
        guest.dma(IOVA, Access.READ);
        guest.memory(LEAF, NEW | USER_WRITABLE_PRESENT);
        guest.invalidatePage(0x7_0000);
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(NEW, Permission.READ_WRITE));
    }

    @Test
    void aFirstStageEntryFilledByAReadDoesNotAnswerAWrite() {
        ScalableGuest guest = firstStage();
        guest.dma(IOVA, Access.READ);
        assertThat(guest.memory(LEAF) & DIRTY).as("D after a read").isZero();
        assertThat(guest.dma(IOVA, Access.WRITE)).isEqualTo(translated(OLD, Permission.READ_WRITE));
        assertThat(guest.memory(LEAF) & DIRTY).as("the write walked and set D").isEqualTo(DIRTY);
        guest.memory(LEAF, NEW | USER_WRITABLE_PRESENT);
        assertThat(guest.dma(IOVA, Access.WRITE)).as("a write answered by the written entry")
                .isEqualTo(translated(OLD, Permission.READ_WRITE));
    }

    @Test
    void secondStageEntriesFallToIotlbInvalidationsOfTheirDomain() {
        ScalableGuest guest = secondStage(0, 3);
        assertThat(guest.dma(IOVA, Access.WRITE)).isEqualTo(translated(OLD, Permission.READ_WRITE));
        guest.memory(SS_LEAF, NEW | 1);
        guest.invalidatePage(IOVA);
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(NEW, Permission.READ));
        guest.memory(SS_LEAF, OLD | 3);
        guest.invalidateDomain();
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(OLD, Permission.READ_WRITE));
    }

    @Test
    void aCachedTranslationIsPermissionCheckedAndItsFaultGovernedByTheCachedFpd() {
        ScalableGuest recorded = secondStage(0, 1);
        recorded.dma(IOVA, Access.READ);
        Outcome write = recorded.apply(new Operation.DmaRequest(DEVICE, IOVA, Access.WRITE));
        assertThat(write.result()).isEqualTo(new Result.DmaFault(FaultReason.SM_WRITE_NOT_PERMITTED));
        assertThat(write.events()).anyMatch(event -> event instanceof Event.FaultRecorded);
        ScalableGuest silenced = secondStage(FPD, 1);
        silenced.dma(IOVA, Access.READ);
        Outcome silencedWrite = silenced.apply(new Operation.DmaRequest(DEVICE, IOVA, Access.WRITE));
        assertThat(silencedWrite.result()).isEqualTo(new Result.DmaFault(FaultReason.SM_WRITE_NOT_PERMITTED));
        assertThat(silencedWrite.events()).noneMatch(event -> event instanceof Event.FaultRecorded);
    }

    @Test
    void aPasidEntryChangeTakesEffectAfterAPasidCacheInvalidation() {
        ScalableGuest guest = new ScalableGuest(CAPABILITIES).pasidEntry(PASS_THROUGH, 0);
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(translated(IOVA, Permission.READ_WRITE));
        guest.memory(PASID_TABLE, PASS_THROUGH & ~1L);
        assertThat(guest.dma(IOVA, Access.READ)).as("the cached PASID-table entry")
                .isEqualTo(translated(IOVA, Permission.READ_WRITE));
        guest.invalidatePasid();
        assertThat(guest.dma(IOVA, Access.READ)).isEqualTo(new Result.DmaFault(FaultReason.SM_PASID_ENTRY_NOT_PRESENT));
    }

    @Test
    void aContextEntryChangeTakesEffectAfterAContextCacheInvalidation() {
        ScalableGuest guest = new ScalableGuest(CAPABILITIES).pasidEntry(PASS_THROUGH, 0);
        guest.memory(PASID_TABLE + 64, PASS_THROUGH).memory(PASID_TABLE + 64 + 8, ScalableGuest.DID + 1);
        guest.dma(IOVA, Access.READ);
        guest.memory(PASID_TABLE, 0);
        // RID_PASID 1: another PASID-table entry, still pass-through
        guest.memory(CONTEXT + (DEVICE.devfn() & 0x7F) * 32L + 8, 1);
        assertThat(guest.dma(IOVA, Access.READ)).as("the cached context entry and PASID-table entry")
                .isEqualTo(translated(IOVA, Permission.READ_WRITE));
        guest.invalidateContexts();
        assertThat(guest.dma(IOVA, Access.READ)).as("RID_PASID 1").isEqualTo(translated(IOVA, Permission.READ_WRITE));
        guest.memory(DIRECTORY, 0);
        guest.invalidateContexts();
        assertThat(guest.dma(IOVA, Access.READ)).as("RID_PASID 1's entry is cached too")
                .isEqualTo(translated(IOVA, Permission.READ_WRITE));
        guest.submit(7 | 3 << 4, 0);
        assertThat(guest.dma(IOVA, Access.READ))
                .isEqualTo(new Result.DmaFault(FaultReason.SM_PASID_DIRECTORY_ENTRY_NOT_PRESENT));
    }
}
