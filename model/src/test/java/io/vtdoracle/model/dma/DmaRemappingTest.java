package io.vtdoracle.model.dma;

import static io.vtdoracle.model.dma.Translations.BOTTOM;
import static io.vtdoracle.model.dma.Translations.MIDDLE;
import static io.vtdoracle.model.dma.Translations.PS;
import static io.vtdoracle.model.dma.Translations.R;
import static io.vtdoracle.model.dma.Translations.RW;
import static io.vtdoracle.model.dma.Translations.TOP;
import static io.vtdoracle.model.dma.Translations.device;
import static io.vtdoracle.model.dma.Translations.mapped;
import static io.vtdoracle.model.dma.Translations.translated;
import static io.vtdoracle.model.dma.Translations.translating;
import static io.vtdoracle.model.dma.Translations.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.cache.IotlbEntry;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.paging.Leaf;
import io.vtdoracle.model.registers.RegisterFile;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Contract §3 and §3.1 on model states: the alternatives of a DMA request and what the caches may hold. */
class DmaRemappingTest {

    private static final Capabilities CM = Capabilities.DEFAULT;
    private static final Capabilities NO_CM = Capabilities.DEFAULT.withCachingMode(false);
    private static final SourceId SID = SourceId.of(0, 3, 0);
    private static final int DID = 7;
    private static final Result OLD = new Result.Translated(0x9123, 0xFFF, Permission.READ_WRITE);
    private static final Result NEW = new Result.Translated(0xA123, 0xFFF, Permission.READ_WRITE);

    private static Expectation step(UnitState state, long address, Access access) {
        return ReferenceModel.step(state, new Operation.DmaRequest(SID, address, access));
    }

    private static List<Result> results(Expectation expectation) {
        return expectation.alternatives().map(alternative -> alternative.outcome().result()).toJavaList();
    }

    /** The state after the canonical (fresh) alternative of a read of {@code address}. */
    private static UnitState afterRead(UnitState state, long address) {
        return step(state, address, Access.READ).canonical().next();
    }

    @Test
    void translationDisabledGivesTheIdentityWithoutReadingTables() {
        UnitState state = translating(CM);
        state = state.withRegisters(state.registers().withStatus(RegisterFile.TES, false));
        Expectation expectation = step(state, 0x1234_5678L, Access.WRITE);
        assertThat(expectation.isDeterministic()).isTrue();
        assertThat(expectation.canonical().outcome())
                .isEqualTo(Outcome.of(new Result.Translated(0x1234_5678L, 0xFFF, Permission.READ_WRITE)));
        assertThat(expectation.canonical().next()).isEqualTo(state);
    }

    @Test
    void passThroughGivesTheIdentity() {
        UnitState state = device(translating(CM), SID, 1 | 2 << 2, (long) DID << 8 | 1);
        assertThat(results(step(state, 0x7FFF_FFFF_F123L, Access.READ)))
                .containsExactly(new Result.Translated(0x7FFF_FFFF_F123L, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void aFreshTranslationMayBeCached() {
        UnitState state = mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW);
        Expectation expectation = step(state, 0x3123, Access.WRITE);
        assertThat(results(expectation)).containsExactly(OLD);
        UnitState after = expectation.canonical().next();
        assertThat(after.caches().contextsOf(SID)).hasSize(1);
        assertThat(after.caches().translations())
                .containsExactly(new IotlbEntry(SID, DID, new Leaf(0x3000, 0xFFF, 0x9000, Permission.READ_WRITE)));
    }

    @Test
    void aChangedPteWithoutInvalidationAdmitsTheOldAndTheNewTranslation() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        UnitState changed = write(cached, BOTTOM + 3 * 8, 0xA000 | RW);
        assertThat(results(step(changed, 0x3123, Access.READ))).containsExactly(NEW, OLD);
        for (IotlbInvalidation invalidation : List.of(new IotlbInvalidation.Global(),
                new IotlbInvalidation.Domain(DID), new IotlbInvalidation.Page(DID, 0x3000, 0, false),
                new IotlbInvalidation.Page(DID, 0, 2, false))) {
            UnitState invalidated = changed.withCaches(changed.caches().invalidate(invalidation));
            assertThat(results(step(invalidated, 0x3123, Access.READ))).as(invalidation.toString())
                    .containsExactly(NEW);
        }
        for (IotlbInvalidation miss : List.of(new IotlbInvalidation.Domain(DID + 1),
                new IotlbInvalidation.Page(DID, 0x4000, 0, false), new IotlbInvalidation.Page(DID + 1, 0x3000, 0,
                        false))) {
            UnitState invalidated = changed.withCaches(changed.caches().invalidate(miss));
            assertThat(results(step(invalidated, 0x3123, Access.READ))).as(miss.toString())
                    .containsExactly(NEW, OLD);
        }
    }

    @Test
    void aContextCacheInvalidationAloneLeavesStaleTranslationsOfTheSameDomain() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        UnitState changed = write(cached, BOTTOM + 3 * 8, 0xA000 | RW);
        UnitState invalidated = changed.withCaches(changed.caches().invalidate(new ContextInvalidation.Global()));
        assertThat(results(step(invalidated, 0x3123, Access.READ))).containsExactly(NEW, OLD);
    }

    @Test
    void aChangedContextWithoutInvalidationAdmitsTheOldContext() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        // the device moves to domain 8 with other tables (TOP2 maps 0x3000 to 0xA000)
        long top2 = 0x200000;
        long middle2 = 0x201000;
        long bottom2 = 0x202000;
        UnitState moved = translated(cached, SID, top2, 1, 8);
        moved = write(write(write(moved, top2, middle2 | RW), middle2, bottom2 | RW), bottom2 + 3 * 8, 0xA000 | RW);
        // fresh context (domain 8, fresh walk); cached context (domain 7): fresh walk of the old tables, or its IOTLB
        assertThat(results(step(moved, 0x3123, Access.READ))).containsExactly(NEW, OLD);
        UnitState contextInvalidated = moved.withCaches(moved.caches().invalidate(
                new ContextInvalidation.Device(SID, 0)));
        assertThat(results(step(contextInvalidated, 0x3123, Access.READ))).containsExactly(NEW);
        // made not present: the fault, or the old context
        UnitState detached = device(cached, SID, 0, 0);
        Expectation expectation = step(detached, 0x3123, Access.READ);
        assertThat(results(expectation))
                .containsExactly(new Result.DmaFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT), OLD);
    }

    @Test
    void anIotlbEntryServesOnlyUnderAContextOfItsDomain() {
        UnitState cached = afterRead(mapped(translating(NO_CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        UnitState changed = write(cached, BOTTOM + 3 * 8, 0xA000 | RW);
        // the context cache forgot the device, and its fresh context is of another domain: the IOTLB entry is unusable
        UnitState otherDomain = translated(changed, SID, TOP, 1, DID + 1);
        otherDomain = otherDomain.withCaches(otherDomain.caches().invalidate(new ContextInvalidation.Global()));
        assertThat(results(step(otherDomain, 0x3123, Access.READ))).containsExactly(NEW);
        // ...but a fresh context of the same domain can use it
        UnitState sameDomain = changed.withCaches(changed.caches().invalidate(new ContextInvalidation.Global()));
        assertThat(results(step(sameDomain, 0x3123, Access.READ))).containsExactly(NEW, OLD);
    }

    @Test
    void aSuperpageIotlbEntryIsRemovedByAPageSelectiveInvalidationInsideIt() {
        UnitState state = translated(translating(CM), SID, TOP, 1, DID);
        state = write(write(state, TOP, MIDDLE | RW), MIDDLE + 8, 0x4000_0000L | PS | RW);
        UnitState cached = afterRead(state, 0x20_0000);
        UnitState changed = write(cached, MIDDLE + 8, 0x6000_0000L | PS | RW);
        Result oldPage = new Result.Translated(0x4012_3456L, 0x1F_FFFF, Permission.READ_WRITE);
        Result newPage = new Result.Translated(0x6012_3456L, 0x1F_FFFF, Permission.READ_WRITE);
        assertThat(results(step(changed, 0x32_3456, Access.READ))).containsExactly(newPage, oldPage);
        UnitState invalidated = changed.withCaches(changed.caches().invalidate(
                new IotlbInvalidation.Page(DID, 0x3F_F000, 0, false)));
        assertThat(results(step(invalidated, 0x32_3456, Access.READ))).containsExactly(newPage);
    }

    @Test
    void aCachedTranslationIsPermissionChecked() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, R), 0x3000);
        UnitState upgraded = write(cached, BOTTOM + 3 * 8, 0x9000 | RW);
        Expectation expectation = step(upgraded, 0x3123, Access.WRITE);
        assertThat(results(expectation)).containsExactly(OLD, new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED));
        assertThat(expectation.alternatives().get(1).outcome().events()).containsExactly(
                new Event.FaultRecorded(0, SID, FaultReason.WRITE_NOT_PERMITTED, 0x3000, Access.WRITE));
    }

    @Test
    void withCachingModeAFaultMayBeCachedUntilInvalidated() {
        UnitState unmapped = translated(translating(CM), SID, TOP, 1, DID);
        UnitState faulted = afterRead(unmapped, 0x3000);
        UnitState nowMapped = Translations.map4k(faulted, 0x3000, 0xA000, RW);
        nowMapped = nowMapped.withFaults(unmapped.faults());
        Expectation expectation = step(nowMapped, 0x3123, Access.READ);
        assertThat(results(expectation))
                .containsExactly(NEW, new Result.DmaFault(FaultReason.READ_NOT_PERMITTED));
        assertThat(expectation.alternatives().get(1).outcome().events()).containsExactly(
                new Event.FaultRecorded(0, SID, FaultReason.READ_NOT_PERMITTED, 0x3000, Access.READ));
        UnitState invalidated = nowMapped.withCaches(nowMapped.caches().invalidate(
                new IotlbInvalidation.Page(DID, 0x3000, 0, false)));
        assertThat(results(step(invalidated, 0x3123, Access.READ))).containsExactly(NEW);
    }

    @Test
    void equalOutcomesKeepWhatEveryPathMayHaveCached() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        // the device moves to domain 8 on the same tables without a context-cache invalidation
        UnitState moved = translated(cached, SID, TOP, 1, 8);
        moved = moved.withCaches(moved.caches().invalidate(new IotlbInvalidation.Global()));
        Expectation expectation = step(moved, 0x3123, Access.READ);
        assertThat(results(expectation)).containsExactly(OLD);
        // a unit using the cached context (domain 7) may have cached the translation under domain 7
        assertThat(expectation.canonical().next().caches().translationsOf(SID, DID, 0x3000)).hasSize(1);
        assertThat(expectation.canonical().next().caches().translationsOf(SID, 8, 0x3000)).hasSize(1);
        // the guest changes the PTE and invalidates domain 8 only: domain 7's entry may still answer
        UnitState changed = write(expectation.canonical().next(), BOTTOM + 3 * 8, 0xA000 | RW);
        changed = changed.withCaches(changed.caches().invalidate(new IotlbInvalidation.Domain(8)));
        assertThat(results(step(changed, 0x3123, Access.READ))).containsExactly(NEW, OLD);
    }

    @Test
    void alternativesWithOtherOutcomesDoNotLendTheirFills() {
        UnitState cached = afterRead(mapped(translating(CM), SID, DID, 0x3000, 0x9000, RW), 0x3000);
        UnitState moved = write(translated(cached, SID, TOP, 1, 8), BOTTOM + 3 * 8, 0xA000 | RW);
        moved = moved.withCaches(moved.caches().invalidate(new IotlbInvalidation.Global()));
        Expectation expectation = step(moved, 0x3123, Access.READ);
        assertThat(results(expectation)).containsExactly(NEW);
        // under the cached context of domain 7 the fresh walk gives NEW too, so both domains may hold it
        assertThat(expectation.canonical().next().caches().translations()).extracting(IotlbEntry::domainId)
                .containsExactlyInAnyOrder(8, DID);
        UnitState stale = write(translated(cached, SID, 0x200000, 1, 8), BOTTOM + 3 * 8, 0xB000 | RW);
        stale = stale.withCaches(stale.caches().invalidate(new IotlbInvalidation.Global()));
        Expectation split = step(stale, 0x3123, Access.READ);
        assertThat(results(split)).containsExactly(new Result.DmaFault(FaultReason.READ_NOT_PERMITTED),
                new Result.Translated(0xB123, 0xFFF, Permission.READ_WRITE));
        assertThat(split.canonical().next().caches().translations()).isEmpty();
        assertThat(split.alternatives().get(1).next().caches().translationsOf(SID, DID, 0x3000)).hasSize(1);
    }

    @Test
    void aCachedReservedBitFaultAnswersWithItsReason() {
        UnitState reserved = mapped(translating(CM), SID, DID, 0x3000, 0x9000 | 1 << 11, RW);
        UnitState faulted = afterRead(reserved, 0x3000);
        UnitState fixed = write(faulted, BOTTOM + 3 * 8, 0xA000 | RW).withFaults(reserved.faults());
        assertThat(results(step(fixed, 0x3123, Access.WRITE))).containsExactly(
                new Result.Translated(0xA123, 0xFFF, Permission.READ_WRITE),
                new Result.DmaFault(FaultReason.PAGING_ENTRY_RESERVED));
    }

    @Test
    void aCachedNotPresentFaultAnswersWithTheReasonOfTheRequestType() {
        UnitState unmapped = translated(translating(CM), SID, TOP, 1, DID);
        UnitState faulted = afterRead(unmapped, 0x3000);
        UnitState nowMapped = Translations.map4k(faulted, 0x3000, 0xA000, RW).withFaults(unmapped.faults());
        assertThat(results(step(nowMapped, 0x3123, Access.WRITE))).containsExactly(
                new Result.Translated(0xA123, 0xFFF, Permission.READ_WRITE),
                new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED));
    }

    @Test
    void withCachingModeAContextFaultMayBeCachedUntilAContextInvalidation() {
        UnitState faulted = afterRead(translating(CM), 0x3000);
        UnitState attached = mapped(faulted, SID, DID, 0x3000, 0xA000, RW).withFaults(translating(CM).faults());
        assertThat(results(step(attached, 0x3123, Access.READ)))
                .containsExactly(NEW, new Result.DmaFault(FaultReason.ROOT_ENTRY_NOT_PRESENT));
        for (ContextInvalidation invalidation : List.of(new ContextInvalidation.Global(),
                new ContextInvalidation.Domain(0), new ContextInvalidation.Device(SID, 0))) {
            UnitState invalidated = attached.withCaches(attached.caches().invalidate(invalidation));
            assertThat(results(step(invalidated, 0x3123, Access.READ))).containsExactly(NEW);
        }
    }

    @Test
    void withoutCachingModeFaultsAreNotCached() {
        UnitState unmapped = translated(translating(NO_CM), SID, TOP, 1, DID);
        UnitState faulted = afterRead(afterRead(translating(NO_CM), 0x3000), 0x3000);
        assertThat(faulted.caches().contextFaultsOf(SID)).isEmpty();
        UnitState walked = afterRead(unmapped, 0x3000);
        assertThat(walked.caches().pageFaults()).isEmpty();
        UnitState nowMapped = Translations.map4k(walked, 0x3000, 0xA000, RW);
        assertThat(results(step(nowMapped, 0x3123, Access.READ))).containsExactly(NEW);
    }

    @Test
    void faultsAreRecordedWithThePageAddressAndAccessType() {
        UnitState state = translated(translating(CM), SID, TOP, 1, DID);
        Expectation expectation = step(state, 0x3FFF, Access.WRITE);
        assertThat(expectation.canonical().outcome()).isEqualTo(new Outcome(
                new Result.DmaFault(FaultReason.WRITE_NOT_PERMITTED),
                List.of(new Event.FaultRecorded(0, SID, FaultReason.WRITE_NOT_PERMITTED, 0x3000, Access.WRITE))));
    }

    @Test
    void faultProcessingDisableSuppressesOnlyQualifiedFaults() {
        // 5h under a context with FPD: not recorded
        UnitState fpd = device(translating(CM), SID, TOP | 1 | 2, (long) DID << 8 | 1);
        assertThat(step(fpd, 0x3000, Access.READ).canonical().outcome())
                .isEqualTo(Outcome.of(new Result.DmaFault(FaultReason.READ_NOT_PERMITTED)));
        // 2h of a not-present entry with FPD: not recorded
        UnitState notPresent = device(translating(CM), SID, 2, 0);
        assertThat(step(notPresent, 0x3000, Access.READ).canonical().outcome())
                .isEqualTo(Outcome.of(new Result.DmaFault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT)));
        // 3h (AW not supported) with FPD: not recorded
        UnitState invalid = device(translating(CM), SID, TOP | 1 | 2, (long) DID << 8 | 2);
        assertThat(step(invalid, 0x3000, Access.READ).canonical().outcome().events()).isEmpty();
        // 4h, 7h, Ch, Eh under FPD: not recorded
        UnitState walks = device(translating(CM), SID, TOP | 1 | 2, (long) DID << 8 | 1);
        walks = write(write(walks, TOP, MIDDLE | RW), MIDDLE, 0x1_0000_0000L | RW);
        walks = write(write(walks, TOP + 8, 0x4000_1000L | PS | RW), TOP + 16, 0xC000_0000L | PS | RW);
        for (long address : new long[] {1L << 39, 0x1000, 0x4000_0000L, 0xBEE0_0000L}) {
            assertThat(step(walks, address, Access.READ).canonical().outcome().events()).as("%x", address).isEmpty();
        }
        assertThat(results(step(walks, 0x1000, Access.READ)))
                .containsExactly(new Result.DmaFault(FaultReason.PAGING_ENTRY_ACCESS_ERROR));
        assertThat(results(step(walks, 0xBEE0_0000L, Access.READ)))
                .containsExactly(new Result.DmaFault(FaultReason.INTERRUPT_ADDRESS));
        // Bh is not qualified: recorded despite FPD
        UnitState reserved = device(translating(CM), SID, TOP | 1 | 2 | 1 << 4, (long) DID << 8 | 1);
        assertThat(step(reserved, 0x3000, Access.READ).canonical().outcome()).isEqualTo(new Outcome(
                new Result.DmaFault(FaultReason.CONTEXT_ENTRY_RESERVED),
                List.of(new Event.FaultRecorded(0, SID, FaultReason.CONTEXT_ENTRY_RESERVED, 0x3000, Access.READ))));
    }
}
