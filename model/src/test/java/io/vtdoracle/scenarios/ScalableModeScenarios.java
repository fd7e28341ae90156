package io.vtdoracle.scenarios;

import static io.vtdoracle.scenarios.ScalableUnit.AW39;
import static io.vtdoracle.scenarios.ScalableUnit.AW48;
import static io.vtdoracle.scenarios.ScalableUnit.CONTEXT;
import static io.vtdoracle.scenarios.ScalableUnit.DEVICE;
import static io.vtdoracle.scenarios.ScalableUnit.DIRECTORY;
import static io.vtdoracle.scenarios.ScalableUnit.FIRST_STAGE;
import static io.vtdoracle.scenarios.ScalableUnit.FPD;
import static io.vtdoracle.scenarios.ScalableUnit.IQA;
import static io.vtdoracle.scenarios.ScalableUnit.IQA_DW;
import static io.vtdoracle.scenarios.ScalableUnit.IQH;
import static io.vtdoracle.scenarios.ScalableUnit.IQT;
import static io.vtdoracle.scenarios.ScalableUnit.NESTED;
import static io.vtdoracle.scenarios.ScalableUnit.P;
import static io.vtdoracle.scenarios.ScalableUnit.PASID_TABLE;
import static io.vtdoracle.scenarios.ScalableUnit.PASS_THROUGH;
import static io.vtdoracle.scenarios.ScalableUnit.ROOT;
import static io.vtdoracle.scenarios.ScalableUnit.SECOND_STAGE;
import static io.vtdoracle.scenarios.ScalableUnit.index;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Contract §9: requests without PASID in scalable mode, through RID_PASID: the structures (root, context, PASID
 * directory and table entries), each PGTT (pass-through, second stage, first stage), superpages, A/D bits, FPD, and
 * every scalable-mode fault reason a request without PASID can meet, with its record.
 */
public abstract class ScalableModeScenarios {

    /** Second-stage tables (3 levels, 39-bit). */
    private static final long SS_TOP = 0x100000;
    private static final long SS_MIDDLE = 0x101000;
    private static final long SS_BOTTOM = 0x102000;
    /** First-stage tables: PML5, PML4, PDPT, PD, PT. */
    private static final long FS_L5 = 0x200000;
    private static final long FS_L4 = 0x201000;
    private static final long FS_L3 = 0x202000;
    private static final long FS_L2 = 0x203000;
    private static final long FS_L1 = 0x204000;
    private static final long US = 4;
    private static final long RW = 2;
    private static final long PS = 1L << 7;
    private static final long IOVA = 0x3000;
    private static final long OUTPUT = 0x9000;

    private static final Capabilities SECOND = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_SECOND_STAGE);
    private static final Capabilities FIRST = Capabilities.DEFAULT.withScalableMode(ScalableMode.QEMU_FIRST_STAGE);
    private static final Capabilities ALL = Capabilities.DEFAULT.withAddressWidth(48)
            .withScalableMode(ScalableMode.ALL);

    /**
     * The scalable-mode reasons a request without PASID cannot meet (contract §9.7): those of requests with PASID,
     * page requests, translation requests, execute and supervisor requests, nested translation, A/D updates that
     * cannot fail in guest memory, and SCT.4 (no invalid programming of a context entry is left once reserved
     * fields are checked).
     */
    static final Set<FaultReason> UNREACHABLE_WITHOUT_PASID = EnumSet.of(FaultReason.SM_LEGACY_MODE_PASID_REQUEST,
            FaultReason.SM_LEGACY_MODE_PAGE_REQUEST, FaultReason.SM_CONTEXT_ENTRY_INVALID,
            FaultReason.SM_CONTEXT_DEVICE_TLB_DISABLED, FaultReason.SM_CONTEXT_PASID_DISABLED,
            FaultReason.SM_CONTEXT_PASID_BEYOND_DIRECTORY, FaultReason.SM_CONTEXT_PAGE_REQUEST_DISABLED,
            FaultReason.SM_PASID_ENTRY_EXECUTE_DISABLED, FaultReason.SM_PASID_ENTRY_SUPERVISOR_DISABLED,
            FaultReason.SM_NESTED_FIRST_STAGE_ADDRESS_BEYOND, FaultReason.SM_NESTED_FIRST_STAGE_ROOT_READ,
            FaultReason.SM_NESTED_FIRST_STAGE_READ, FaultReason.SM_NESTED_FIRST_STAGE_WRITE,
            FaultReason.SM_SECOND_STAGE_AD_NOT_SNOOPED, FaultReason.SM_SECOND_STAGE_AD_UPDATE_FAILED,
            FaultReason.SM_EXECUTE_NOT_PERMITTED, FaultReason.SM_FIRST_STAGE_AD_NOT_SNOOPED,
            FaultReason.SM_FIRST_STAGE_AD_UPDATE_FAILED);

    protected abstract RemappingUnit.Factory factory();

    private ScalableUnit unit(Capabilities capabilities) {
        return new ScalableUnit(factory(), capabilities);
    }

    /** A second-stage device mapping IOVA to OUTPUT with {@code rights} (R = 1, W = 2). */
    private ScalableUnit secondStage(long rights) {
        return unit(SECOND).device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .memory(SS_TOP + index(IOVA, 3) * 8, SS_MIDDLE | 3)
                .memory(SS_MIDDLE + index(IOVA, 2) * 8, SS_BOTTOM | 3)
                .memory(SS_BOTTOM + index(IOVA, 1) * 8, OUTPUT | rights).enable();
    }

    /** A first-stage device (4-level) mapping IOVA to OUTPUT through entries with {@code flags} (P added). */
    private ScalableUnit firstStage(Capabilities capabilities, long flags) {
        return unit(capabilities).device(FIRST_STAGE | P, FS_L4)
                .memory(FS_L4 + index(IOVA, 4) * 8, FS_L3 | US | RW | P)
                .memory(FS_L3 + index(IOVA, 3) * 8, FS_L2 | US | RW | P)
                .memory(FS_L2 + index(IOVA, 2) * 8, FS_L1 | US | RW | P)
                .memory(FS_L1 + index(IOVA, 1) * 8, OUTPUT | flags | P).enable();
    }

    private ScalableUnit passThrough(Capabilities capabilities) {
        return unit(capabilities).device(PASS_THROUGH | P, 0).enable();
    }

    private static void assertFault(Outcome outcome, FaultReason reason, boolean recorded) {
        assertThat(outcome.result()).as("result").isEqualTo(new Result.DmaFault(reason));
        assertThat(outcome.events().stream().filter(event -> event instanceof Event.FaultRecorded fault
                && fault.reason() == reason && fault.source().equals(DEVICE))).as("fault records").hasSize(
                recorded ? 1 : 0);
    }

    private static Result translated(long address, long pageMask, Permission permission) {
        return new Result.Translated(address, pageMask, permission);
    }

    // Pass-through (PGTT 100b)

    @Test
    void passThroughGivesTheIdentityBelowTheHostAddressWidth() {
        assertThat(passThrough(SECOND).dma(0x7F_1234_5678L, Access.WRITE).result())
                .isEqualTo(translated(0x7F_1234_5678L, 0xFFF, Permission.READ_WRITE));
        assertFault(passThrough(SECOND).dma(1L << 39, Access.READ), FaultReason.SM_ADDRESS_BEYOND_HAW, true);
    }

    @Test
    void legacyModeStaysWhereTtmIsZeroOrScalableModeIsNotReported() {
        // TTM = 00b: the root entry is read as a legacy one (P = LP) and the context entry at devfn·16, where the
        // scalable layout (devfn·32) left zeros: not present (2h).
        ScalableUnit legacy = unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, 0);
        assertFault(legacy.dma(IOVA, Access.READ), FaultReason.CONTEXT_ENTRY_NOT_PRESENT, true);
        // Without ECAP.SMTS, TTM = 01b is ignored: legacy mode.
        ScalableUnit noSmts = unit(Capabilities.DEFAULT).device(PASS_THROUGH | P, 0).enable();
        assertFault(noSmts.dma(IOVA, Access.READ), FaultReason.CONTEXT_ENTRY_NOT_PRESENT, true);
    }

    // Second stage (PGTT 010b)

    @Test
    void secondStageTranslatesThroughTheLegacyWalk() {
        assertThat(secondStage(3).dma(IOVA | 0x123, Access.WRITE).result())
                .isEqualTo(translated(OUTPUT | 0x123, 0xFFF, Permission.READ_WRITE));
        assertThat(secondStage(1).dma(IOVA, Access.READ).result())
                .isEqualTo(translated(OUTPUT, 0xFFF, Permission.READ));
    }

    @Test
    void secondStageSuperpagesAndFourLevels() {
        ScalableUnit twoMiB = unit(SECOND).device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .memory(SS_TOP, SS_MIDDLE | 3).memory(SS_MIDDLE + 8, 0x4_0000_0000L >>> 12 << 12 | PS | 3).enable();
        assertThat(twoMiB.dma(0x20_1234, Access.READ).result())
                .isEqualTo(translated(0x4_0000_1234L, 0x1F_FFFF, Permission.READ_WRITE));
        ScalableUnit fourLevels = unit(ALL).device(SS_TOP | SECOND_STAGE | AW48 | P, 0)
                .memory(SS_TOP + index(1L << 40, 4) * 8, SS_MIDDLE | 3)
                .memory(SS_MIDDLE, 0x8000_0000L | PS | 3).enable();
        assertThat(fourLevels.dma((1L << 40) | 0x1234, Access.WRITE).result())
                .isEqualTo(translated(0x8000_1234L, 0x3FFF_FFFF, Permission.READ_WRITE));
    }

    @Test
    void faultProcessingDisabledInAnyOfTheThreeEntriesSilencesQualifiedFaults() {
        ScalableUnit contextFpd = unit(SECOND).device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .context(DEVICE, DIRECTORY | FPD | P, 0).enable();
        assertFault(contextFpd.dma(IOVA, Access.READ), FaultReason.SM_SECOND_STAGE_ENTRY_NOT_PRESENT, false);
        ScalableUnit directoryFpd = unit(SECOND).device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .memory(DIRECTORY, PASID_TABLE | FPD | P).enable();
        assertFault(directoryFpd.dma(IOVA, Access.READ), FaultReason.SM_SECOND_STAGE_ENTRY_NOT_PRESENT, false);
        ScalableUnit entryFpd = unit(SECOND).device(SS_TOP | SECOND_STAGE | AW39 | FPD, 0).enable();
        assertFault(entryFpd.dma(IOVA, Access.READ), FaultReason.SM_PASID_ENTRY_NOT_PRESENT, false);
        // SCT.3 is not qualified: the context entry's own FPD does not silence its reserved field.
        ScalableUnit reserved = unit(SECOND).device(PASS_THROUGH | P, 0)
                .context(DEVICE, DIRECTORY | 1L << 5 | FPD | P, 0).enable();
        assertFault(reserved.dma(IOVA, Access.READ), FaultReason.SM_CONTEXT_ENTRY_RESERVED, true);
    }

    @Test
    void devicesOfTheUpperHalfUseTheUpperContextTable() {
        SourceId upper = SourceId.of(0, 0x11, 0);
        ScalableUnit unit = unit(SECOND).device(PASS_THROUGH | P, 0)
                .root(0, CONTEXT | P, (CONTEXT + 0x1000) | P).context(upper, DIRECTORY | P, 0).enable();
        assertThat(unit.dma(upper, IOVA, Access.READ).result())
                .isEqualTo(translated(IOVA, 0xFFF, Permission.READ_WRITE));
        ScalableUnit upperAbsent = unit(SECOND).device(PASS_THROUGH | P, 0).enable();
        assertThat(upperAbsent.dma(upper, IOVA, Access.READ).result())
                .isEqualTo(new Result.DmaFault(FaultReason.SM_ROOT_ENTRY_NOT_PRESENT));
    }

    // First stage (PGTT 001b)

    @Test
    void firstStageTranslatesAndSetsAccessedAndDirty() {
        ScalableUnit unit = firstStage(FIRST, US | RW);
        assertThat(unit.dma(IOVA | 0x45, Access.READ).result())
                .isEqualTo(translated(OUTPUT | 0x45, 0xFFF, Permission.READ_WRITE));
        assertThat(unit.memory(FS_L4 + index(IOVA, 4) * 8) & 0x60).as("A, no D above the leaf").isEqualTo(0x20);
        assertThat(unit.memory(FS_L1 + index(IOVA, 1) * 8) & 0x60).as("A only after a read").isEqualTo(0x20);
        unit.dma(IOVA, Access.WRITE);
        assertThat(unit.memory(FS_L1 + index(IOVA, 1) * 8) & 0x60).as("A and D after a write").isEqualTo(0x60);
        assertThat(unit.memory(FS_L2 + index(IOVA, 2) * 8) & 0x60).as("D only in the leaf").isEqualTo(0x20);
    }

    @Test
    void firstStageReadOnlyPagesAndUpperCanonicalHalf() {
        assertThat(firstStage(FIRST, US).dma(IOVA, Access.READ).result())
                .isEqualTo(translated(OUTPUT, 0xFFF, Permission.READ));
        long upperHalf = 0xFFFF_8000_0000_3000L;
        ScalableUnit unit = unit(FIRST).device(FIRST_STAGE | P, FS_L4)
                .memory(FS_L4 + index(upperHalf, 4) * 8, FS_L3 | US | RW | P)
                .memory(FS_L3 + index(upperHalf, 3) * 8, FS_L2 | US | RW | P)
                .memory(FS_L2 + index(upperHalf, 2) * 8, FS_L1 | US | RW | P)
                .memory(FS_L1 + index(upperHalf, 1) * 8, OUTPUT | US | RW | P).enable();
        assertThat(unit.dma(upperHalf, Access.WRITE).result())
                .isEqualTo(translated(OUTPUT, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void firstStageSuperpages() {
        ScalableUnit twoMiB = unit(FIRST).device(FIRST_STAGE | P, FS_L4).memory(FS_L4, FS_L3 | US | RW | P)
                .memory(FS_L3, FS_L2 | US | RW | P).memory(FS_L2 + 8, 0x60_0000 | PS | US | RW | P).enable();
        assertThat(twoMiB.dma(0x20_1234, Access.WRITE).result())
                .isEqualTo(translated(0x60_1234, 0x1F_FFFF, Permission.READ_WRITE));
        ScalableUnit oneGiB = unit(FIRST).device(FIRST_STAGE | P, FS_L4).memory(FS_L4, FS_L3 | US | RW | P)
                .memory(FS_L3 + 8, 0x4000_0000L | PS | US | P).enable();
        assertThat(oneGiB.dma(0x4123_4567L, Access.READ).result())
                .isEqualTo(translated(0x4123_4567L, 0x3FFF_FFFF, Permission.READ));
        // Without CAP.FS1GP, PS at level 3 is reserved.
        ScalableUnit noFs1gp = unit(Capabilities.DEFAULT.withScalableMode(
                        new ScalableMode(true, false, true, false, false, false)))
                .device(FIRST_STAGE | P, FS_L4).memory(FS_L4, FS_L3 | US | RW | P)
                .memory(FS_L3 + 8, 0x4000_0000L | PS | US | P).enable();
        assertFault(noFs1gp.dma(0x4123_4567L, Access.READ), FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED, true);
    }

    @Test
    void firstStageFiveLevelPagingNeedsFl5lp() {
        long address = 1L << 50;
        ScalableUnit fiveLevels = unit(ALL).device(FIRST_STAGE | P, FS_L5 | 1L << 2)
                .memory(FS_L5 + index(address, 5) * 8, FS_L4 | US | RW | P)
                .memory(FS_L4, FS_L3 | US | RW | P).memory(FS_L3, FS_L2 | US | RW | P)
                .memory(FS_L2, FS_L1 | US | RW | P).memory(FS_L1, OUTPUT | US | RW | P).enable();
        assertThat(fiveLevels.dma(address, Access.READ).result())
                .isEqualTo(translated(OUTPUT, 0xFFF, Permission.READ_WRITE));
        ScalableUnit withoutFl5lp = unit(FIRST).device(FIRST_STAGE | P, FS_L5 | 1L << 2).enable();
        assertFault(withoutFl5lp.dma(address, Access.READ), FaultReason.SM_PASID_ENTRY_INVALID, true);
        assertFault(firstStage(ALL, US | RW).dma(address, Access.READ), FaultReason.SM_NON_CANONICAL_ADDRESS, true);
    }

    // Every scalable-mode fault reason of a request without PASID

    @Test
    void everyScalableFaultReasonOfARequestWithoutPasidIsReachedAndRecorded() {
        Map<FaultReason, Supplier<Outcome>> cases = faultCases();
        cases.forEach((reason, request) -> assertFault(request.get(), reason, true));
        Set<FaultReason> expected = Arrays.stream(FaultReason.values())
                .filter(reason -> reason.isScalableMode() && !UNREACHABLE_WITHOUT_PASID.contains(reason))
                .collect(Collectors.toSet());
        assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private Map<FaultReason, Supplier<Outcome>> faultCases() {
        long guestEnd = Capabilities.DEFAULT.guestMemoryBytes();
        long outside = 0x10_0000_0000L; // beyond guest memory, below the host address width
        Map<FaultReason, Supplier<Outcome>> cases = new LinkedHashMap<>();
        cases.put(FaultReason.SM_ROOT_TABLE_MODE_INVALID,
                () -> unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, 2).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_ROOT_TABLE_ACCESS_ERROR,
                () -> unit(SECOND).enable(guestEnd, 1).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_ROOT_ENTRY_NOT_PRESENT,
                () -> unit(SECOND).device(PASS_THROUGH | P, 0).root(0, CONTEXT, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_ROOT_ENTRY_RESERVED, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .root(0, CONTEXT | 1L << 4 | P, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_CONTEXT_TABLE_ACCESS_ERROR, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .root(0, outside | P, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_CONTEXT_ENTRY_NOT_PRESENT, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .context(DEVICE, DIRECTORY, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_CONTEXT_ENTRY_RESERVED, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .context(DEVICE, DIRECTORY | P, 1L << 32).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_CONTEXT_RID_PASID_INVALID, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .context(DEVICE, DIRECTORY | P, 1 << 13).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_DIRECTORY_ACCESS_ERROR, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .context(DEVICE, outside | P, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_DIRECTORY_ENTRY_NOT_PRESENT, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .memory(DIRECTORY, PASID_TABLE).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_DIRECTORY_ENTRY_RESERVED, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .memory(DIRECTORY, PASID_TABLE | 1L << 2 | P).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_TABLE_ACCESS_ERROR, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .memory(DIRECTORY, outside | P).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_ENTRY_NOT_PRESENT,
                () -> unit(SECOND).device(PASS_THROUGH, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_ENTRY_RESERVED, () -> unit(SECOND).device(PASS_THROUGH | P, 0)
                .memory(PASID_TABLE + 40, 1).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_PASID_ENTRY_INVALID,
                () -> unit(SECOND).device(NESTED | P, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_FIRST_STAGE_ENTRY_ACCESS_ERROR, () -> firstStage(FIRST, US | RW)
                .memory(FS_L3 + index(IOVA, 3) * 8, outside | US | RW | P).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_FIRST_STAGE_ENTRY_NOT_PRESENT,
                () -> firstStage(FIRST, US | RW).memory(FS_L1 + index(IOVA, 1) * 8, 0).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_FIRST_STAGE_ENTRY_RESERVED, () -> firstStage(FIRST, US | RW)
                .memory(FS_L4 + index(IOVA, 4) * 8, FS_L3 | PS | US | RW | P).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_FIRST_STAGE_ROOT_ACCESS_ERROR,
                () -> unit(FIRST).device(FIRST_STAGE | P, outside).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_SECOND_STAGE_ENTRY_ACCESS_ERROR, () -> secondStage(3)
                .memory(SS_TOP + index(IOVA, 3) * 8, outside | 3).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_SECOND_STAGE_ENTRY_NOT_PRESENT, () -> secondStage(0).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED, () -> secondStage(3)
                .memory(SS_BOTTOM + index(IOVA, 1) * 8, OUTPUT | 1L << 11 | 3).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_SECOND_STAGE_ROOT_ACCESS_ERROR, () -> unit(SECOND)
                .device(outside | SECOND_STAGE | AW39 | P, 0).enable().dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_NON_CANONICAL_ADDRESS,
                () -> firstStage(FIRST, US | RW).dma(1L << 47, Access.READ));
        cases.put(FaultReason.SM_USER_REQUEST_TO_SUPERVISOR_PAGE,
                () -> firstStage(FIRST, RW).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_ADDRESS_BEYOND_HAW,
                () -> passThrough(SECOND).dma(1L << 39, Access.WRITE));
        cases.put(FaultReason.SM_ADDRESS_BEYOND_AGAW, () -> secondStage(3).dma(1L << 39, Access.READ));
        cases.put(FaultReason.SM_WRITE_NOT_PERMITTED, () -> firstStage(FIRST, US).dma(IOVA, Access.WRITE));
        cases.put(FaultReason.SM_READ_NOT_PERMITTED, () -> secondStage(2).dma(IOVA, Access.READ));
        cases.put(FaultReason.SM_INTERRUPT_ADDRESS, () -> secondStage(3)
                .memory(SS_BOTTOM + index(IOVA, 1) * 8, 0xFEE0_0000L | 3).dma(IOVA, Access.WRITE));
        return cases;
    }

    // Queued invalidation with 256-bit descriptors (contract §9.8)

    private static final long QUEUE = 0x80000;
    private static final long STATUS = 0x81000;

    /** An invalidation wait descriptor writing {@code data} to STATUS. */
    private static long[] statusWrite(int data) {
        return new long[] {5 | 1 << 5 | (long) data << 32, STATUS};
    }

    private static Event statusWritten(int data) {
        return new Event.StatusWritten(STATUS, data);
    }

    @Test
    void descriptorWidthIsWritableOnlyWithScalableModeSupport() {
        assertThat(unit(SECOND).register(IQA, 8, QUEUE | IQA_DW).readRegister(IQA, 8)).isEqualTo(QUEUE | IQA_DW);
        assertThat(unit(Capabilities.DEFAULT).register(IQA, 8, QUEUE | IQA_DW).readRegister(IQA, 8))
                .isEqualTo(QUEUE);
    }

    @Test
    void wideDescriptorsTakeThirtyTwoBytesInBothModes() {
        for (int ttm : new int[] {0, 1}) {
            ScalableUnit unit = unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, ttm).queue(QUEUE, true);
            assertThat(unit.submit(statusWrite(0x11)).events()).as("TTM %d", ttm).containsExactly(statusWritten(0x11));
            assertThat(unit.submit(statusWrite(0x22)).events()).as("TTM %d", ttm).containsExactly(statusWritten(0x22));
            assertThat(unit.readRegister(IQH, 8)).as("IQH, TTM %d", ttm).isEqualTo(0x40);
            assertThat(unit.queueError()).as("IQE, TTM %d", ttm).isFalse();
        }
    }

    @Test
    void tailBitFourIsReservedWithWideDescriptors() {
        ScalableUnit unit = unit(SECOND).device(PASS_THROUGH | P, 0).enable().queue(QUEUE, true);
        long[] descriptor = statusWrite(0x33);
        unit.memory(QUEUE, descriptor[0]).memory(QUEUE + 8, descriptor[1]);
        assertThat(unit.apply(new Operation.WriteRegister(IQT, 8, 0x10)).events()).isEmpty();
        assertThat(unit.queueError()).isTrue();
        assertThat(unit.readRegister(IQH, 8)).isZero();
    }

    @Test
    void aHeadBetweenTwoWideDescriptorsIsAQueueError() {
        // Legacy mode, 128-bit: one descriptor leaves the head at 0x10; then IQA.DW is set under the enabled queue.
        ScalableUnit unit = unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, 0).queue(QUEUE, false);
        assertThat(unit.submit(statusWrite(0x66)).events()).containsExactly(statusWritten(0x66));
        unit.register(IQA, 8, QUEUE | IQA_DW);
        assertThat(unit.apply(new Operation.WriteRegister(IQT, 8, 0x40)).events()).isEmpty();
        assertThat(unit.queueError()).isTrue();
        assertThat(unit.readRegister(IQH, 8)).isEqualTo(0x10);
    }

    @Test
    void narrowDescriptorsAreInvalidInScalableModeOnly() {
        ScalableUnit scalable = unit(SECOND).device(PASS_THROUGH | P, 0).enable().queue(QUEUE, false);
        assertThat(scalable.submit(statusWrite(0x44)).events()).isEmpty();
        assertThat(scalable.queueError()).isTrue();
        assertThat(scalable.readRegister(IQH, 8)).isZero();
        ScalableUnit legacy = unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, 0).queue(QUEUE, false);
        assertThat(legacy.submit(statusWrite(0x44)).events()).containsExactly(statusWritten(0x44));
        assertThat(legacy.readRegister(IQH, 8)).isEqualTo(0x10);
    }

    @Test
    void bitsAbove127AreReservedInEveryWideDescriptor() {
        for (int ttm : new int[] {0, 1}) {
            ScalableUnit unit = unit(SECOND).device(PASS_THROUGH | P, 0).enable(ROOT, ttm).queue(QUEUE, true);
            long[] descriptor = statusWrite(0x55);
            assertThat(unit.submit(descriptor[0], descriptor[1], 0, 1L << 63).events()).as("TTM %d", ttm).isEmpty();
            assertThat(unit.queueError()).as("TTM %d", ttm).isTrue();
        }
    }

    @Test
    void scalableModeDescriptorsAreValidatedAndAcceptedInScalableModeOnly() {
        Capabilities capabilities = SECOND.withDeviceTlb(true);
        long did = (long) ScalableUnit.DID << 16;
        Map<String, long[]> valid = new LinkedHashMap<>();
        valid.put("P_IOTLB PASID-selective (ADDR, IH, AM ignored)",
                new long[] {6 | 2 << 4 | did | 5L << 32, 0xFFFF_FFFF_FFFF_F07FL});
        valid.put("P_IOTLB page-selective-within-PASID", new long[] {6 | 3 << 4 | did, IOVA | 1 << 6 | 2});
        valid.put("PASID-cache domain-selective", new long[] {7 | did});
        valid.put("PASID-cache PASID-selective", new long[] {7 | 1 << 4 | did | 0xF_FFFFL << 32});
        valid.put("PASID-cache global", new long[] {7 | 3 << 4});
        valid.put("PASID-based device-TLB", new long[] {8 | (long) DEVICE.value() << 16 | 0x1F0, IOVA | 1 << 11 | 1});
        Map<String, long[]> invalid = new LinkedHashMap<>();
        invalid.put("P_IOTLB G = 0", new long[] {6 | did});
        invalid.put("P_IOTLB G = 1", new long[] {6 | 1 << 4 | did});
        invalid.put("P_IOTLB low bit 6", new long[] {6 | 2 << 4 | 1 << 6});
        invalid.put("P_IOTLB low bit 52", new long[] {6 | 2 << 4 | 1L << 52});
        invalid.put("P_IOTLB high bit 7", new long[] {6 | 3 << 4, IOVA | 1 << 7});
        invalid.put("P_IOTLB AM above MAMV", new long[] {6 | 3 << 4, capabilities.maxAddressMaskValue() + 1});
        invalid.put("PASID-cache G = 2", new long[] {7 | 2 << 4});
        invalid.put("PASID-cache high qword", new long[] {7 | 3 << 4, 1});
        invalid.put("PASID-cache low bit 12", new long[] {7 | 3 << 4 | 1 << 12});
        invalid.put("PASID-based device-TLB high bit 1", new long[] {8, 1 << 1});
        invalid.put("type bits 6:4", new long[] {7 | 3 << 4 | 1 << 9});
        invalid.put("type 9", new long[] {9});
        valid.forEach((name, descriptor) -> {
            ScalableUnit scalable = unit(capabilities).device(PASS_THROUGH | P, 0).enable().queue(QUEUE, true);
            scalable.submit(descriptor);
            assertThat(scalable.queueError()).as("%s in scalable mode", name).isFalse();
            assertThat(scalable.readRegister(IQH, 8)).as("%s consumed", name).isEqualTo(0x20);
            ScalableUnit legacy = unit(capabilities).device(PASS_THROUGH | P, 0).enable(ROOT, 0).queue(QUEUE, true);
            legacy.submit(descriptor);
            assertThat(legacy.queueError()).as("%s in legacy mode", name).isTrue();
        });
        invalid.forEach((name, descriptor) -> {
            ScalableUnit scalable = unit(capabilities).device(PASS_THROUGH | P, 0).enable().queue(QUEUE, true);
            scalable.submit(descriptor);
            assertThat(scalable.queueError()).as(name).isTrue();
            assertThat(scalable.readRegister(IQH, 8)).as("%s left at the head", name).isZero();
        });
        ScalableUnit withoutDeviceTlb = unit(SECOND).device(PASS_THROUGH | P, 0).enable().queue(QUEUE, true);
        withoutDeviceTlb.submit(valid.get("PASID-based device-TLB"));
        assertThat(withoutDeviceTlb.queueError()).as("type 8 without ECAP.DT").isTrue();
    }

    // Caches in scalable mode (contract §9.9): a stale answer is admitted until the invalidation that removes it

    private static final long IOTLB_PAGE = 2 | 3 << 4 | (long) ScalableUnit.DID << 16;
    private static final long IOTLB_DOMAIN = 2 | 2 << 4 | (long) ScalableUnit.DID << 16;
    private static final long P_IOTLB_PASID = 6 | 2 << 4 | (long) ScalableUnit.DID << 16;
    private static final long P_IOTLB_PAGE = 6 | 3 << 4 | (long) ScalableUnit.DID << 16;
    private static final long PASID_CACHE_PASID = 7 | 1 << 4 | (long) ScalableUnit.DID << 16;
    private static final long CONTEXT_DEVICE = 1 | 3 << 4 | (long) DEVICE.value() << 32;
    private static final long NEW_OUTPUT = 0xA000;

    /** A device that translated IOVA to OUTPUT, then the guest pointed its leaf at NEW_OUTPUT: old or new. */
    private static void assertOldOrNew(ScalableUnit unit) {
        assertThat(unit.dma(IOVA, Access.READ).result()).isIn(translated(OUTPUT, 0xFFF, Permission.READ_WRITE),
                translated(NEW_OUTPUT, 0xFFF, Permission.READ_WRITE));
    }

    private static void assertNew(ScalableUnit unit, Permission permission) {
        assertThat(unit.dma(IOVA, Access.READ).result()).isEqualTo(translated(NEW_OUTPUT, 0xFFF, permission));
    }

    private ScalableUnit staleSecondStage() {
        ScalableUnit unit = secondStage(3).queue(QUEUE, true);
        unit.dma(IOVA, Access.READ);
        return unit.memory(SS_BOTTOM + index(IOVA, 1) * 8, NEW_OUTPUT | 3);
    }

    private ScalableUnit staleFirstStage() {
        ScalableUnit unit = firstStage(FIRST, US | RW).queue(QUEUE, true);
        unit.dma(IOVA, Access.READ);
        return unit.memory(FS_L1 + index(IOVA, 1) * 8, NEW_OUTPUT | US | RW | P);
    }

    @Test
    void secondStageTranslationsAreGoneAfterAnIotlbInvalidationOfTheirPageOrDomain() {
        ScalableUnit page = staleSecondStage();
        assertOldOrNew(page);
        page.submit(IOTLB_PAGE, IOVA);
        assertNew(page, Permission.READ_WRITE);
        ScalableUnit domain = staleSecondStage();
        domain.submit(IOTLB_DOMAIN);
        assertNew(domain, Permission.READ_WRITE);
    }

    @Test
    void secondStageTranslationsMayRemainAfterPasidBasedInvalidations() {
        ScalableUnit unit = staleSecondStage();
        unit.submit(P_IOTLB_PASID);
        unit.submit(P_IOTLB_PAGE, IOVA);
        unit.submit(PASID_CACHE_PASID);
        assertOldOrNew(unit);
        assertThat(unit.queueError()).isFalse();
    }

    @Test
    void firstStageTranslationsAreGoneAfterPasidBasedInvalidationsOrAnyIotlbInvalidationOfTheirDomain() {
        ScalableUnit pasid = staleFirstStage();
        assertOldOrNew(pasid);
        pasid.submit(P_IOTLB_PASID);
        assertNew(pasid, Permission.READ_WRITE);
        ScalableUnit page = staleFirstStage();
        page.submit(P_IOTLB_PAGE, IOVA);
        assertNew(page, Permission.READ_WRITE);
        ScalableUnit otherPage = staleFirstStage();
        otherPage.submit(IOTLB_PAGE, IOVA + 0x10_0000);
        assertNew(otherPage, Permission.READ_WRITE);
    }

    @Test
    void aSwitchedPasidEntryIsAdmittedUntilThePasidCacheAndIotlbAreInvalidated() {
        // Pass-through translated IOVA to itself; the entry then switches to a second stage mapping IOVA elsewhere.
        ScalableUnit unit = passThrough(SECOND).queue(QUEUE, true);
        unit.dma(IOVA, Access.READ);
        unit.memory(SS_TOP + index(IOVA, 3) * 8, SS_MIDDLE | 3).memory(SS_MIDDLE + index(IOVA, 2) * 8, SS_BOTTOM | 3)
                .memory(SS_BOTTOM + index(IOVA, 1) * 8, NEW_OUTPUT | 1)
                .pasidEntry(0, SS_TOP | SECOND_STAGE | AW39 | P, ScalableUnit.DID, 0);
        assertThat(unit.dma(IOVA, Access.READ).result()).isIn(translated(IOVA, 0xFFF, Permission.READ_WRITE),
                translated(NEW_OUTPUT, 0xFFF, Permission.READ));
        unit.submit(PASID_CACHE_PASID);
        unit.submit(P_IOTLB_PASID);
        assertNew(unit, Permission.READ);
    }

    @Test
    void everyPasidCacheGranularityWithAGlobalIotlbInvalidationEndsAStaleSecondStageEntry() {
        long newTop = 0x110000;
        for (long pasidCache : new long[] {PASID_CACHE_PASID, 7 | (long) ScalableUnit.DID << 16, 7 | 3 << 4}) {
            ScalableUnit unit = secondStage(3).queue(QUEUE, true);
            unit.dma(IOVA, Access.READ);
            unit.memory(newTop + index(IOVA, 3) * 8, SS_MIDDLE | 3)
                    .memory(SS_BOTTOM + index(IOVA, 1) * 8, NEW_OUTPUT | 3)
                    .pasidEntry(0, newTop | SECOND_STAGE | AW39 | P, ScalableUnit.DID, 0);
            unit.submit(pasidCache);
            unit.submit(2 | 1 << 4); // IOTLB global
            assertThat(unit.dma(IOVA, Access.READ).result()).as("PASID-cache %x", pasidCache)
                    .isEqualTo(translated(NEW_OUTPUT, 0xFFF, Permission.READ_WRITE));
        }
    }

    @Test
    void aChangedContextEntryIsGoneAfterAGlobalContextInvalidation() {
        ScalableUnit unit = secondStage(3).queue(QUEUE, true);
        unit.dma(IOVA, Access.READ);
        unit.context(DEVICE, DIRECTORY, 0); // not present
        unit.submit(1 | 1 << 4);
        assertThat(unit.dma(IOVA, Access.READ).result())
                .isEqualTo(new Result.DmaFault(FaultReason.SM_CONTEXT_ENTRY_NOT_PRESENT));
    }

    @Test
    void aChangedContextEntryIsGoneAfterADeviceSelectiveContextInvalidation() {
        ScalableUnit unit = secondStage(3).queue(QUEUE, true);
        unit.dma(IOVA, Access.READ);
        unit.context(DEVICE, DIRECTORY, 0); // not present
        assertThat(unit.dma(IOVA, Access.READ).result()).isIn(translated(OUTPUT, 0xFFF, Permission.READ_WRITE),
                new Result.DmaFault(FaultReason.SM_CONTEXT_ENTRY_NOT_PRESENT));
        unit.submit(CONTEXT_DEVICE);
        assertThat(unit.dma(IOVA, Access.READ).result())
                .isEqualTo(new Result.DmaFault(FaultReason.SM_CONTEXT_ENTRY_NOT_PRESENT));
    }

    // Listeners in scalable mode (contract §9.10): second stage and pass-through through RID_PASID

    private static final ListenerId VFIO = new ListenerId(1);
    private static final Capabilities SECOND_CM = SECOND.withCachingMode(true);

    private static Event map(long iova, long output, Permission permission) {
        return new Event.ListenerNotified(VFIO, NotificationType.MAP, iova, output, 0xFFF, permission);
    }

    private static Event unmap(long iova) {
        return new Event.ListenerNotified(VFIO, NotificationType.UNMAP, iova, 0, 0xFFF, Permission.NONE);
    }

    /** A second-stage device (caching mode) with a 256-bit queue and a MAP/UNMAP listener, replayed once. */
    private ScalableUnit listenedSecondStage() {
        ScalableUnit unit = unit(SECOND_CM).device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .memory(SS_TOP + index(IOVA, 3) * 8, SS_MIDDLE | 3)
                .memory(SS_MIDDLE + index(IOVA, 2) * 8, SS_BOTTOM | 3)
                .memory(SS_BOTTOM + index(IOVA, 1) * 8, OUTPUT | 3).enable().queue(QUEUE, true);
        assertThat(unit.apply(new Operation.RegisterListener(VFIO, DEVICE, 0, 0xFFFF_FFFFL,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP))).result()).isEqualTo(new Result.ListenerRegistered());
        assertThat(unit.apply(new Operation.Replay(VFIO)).events())
                .containsExactly(map(IOVA, OUTPUT, Permission.READ_WRITE));
        return unit;
    }

    @Test
    void secondStageMappingsReachTheListenerOnceThroughIotlbInvalidations() {
        ScalableUnit unit = listenedSecondStage();
        assertThat(unit.apply(new Operation.Replay(VFIO)).events()).as("a replay in sync").isEmpty();
        unit.memory(SS_BOTTOM + index(IOVA + 0x1000, 1) * 8, (OUTPUT + 0x1000) | 1);
        assertThat(unit.submit(IOTLB_PAGE, IOVA + 0x1000).events())
                .containsExactly(map(IOVA + 0x1000, OUTPUT + 0x1000, Permission.READ));
        unit.memory(SS_BOTTOM + index(IOVA, 1) * 8, 0);
        assertThat(unit.submit(IOTLB_DOMAIN).events()).containsExactly(unmap(IOVA));
        assertThat(unit.submit(IOTLB_DOMAIN).events()).as("exactly once").isEmpty();
    }

    @Test
    void pasidBasedIotlbInvalidationsTellNoListener() {
        ScalableUnit unit = listenedSecondStage();
        unit.memory(SS_BOTTOM + index(IOVA, 1) * 8, 0);
        assertThat(unit.submit(P_IOTLB_PASID).events()).isEmpty();
        assertThat(unit.submit(P_IOTLB_PAGE, IOVA).events()).isEmpty();
        assertThat(unit.submit(IOTLB_PAGE, IOVA).events()).containsExactly(unmap(IOVA));
    }

    @Test
    void aSwitchOfTheRidPasidEntryIsReplayedOnThePasidCacheInvalidation() {
        ScalableUnit unit = listenedSecondStage();
        long newTop = 0x110000;
        long newMiddle = 0x111000;
        long newBottom = 0x112000;
        unit.memory(newTop + index(IOVA, 3) * 8, newMiddle | 3).memory(newMiddle + index(IOVA, 2) * 8, newBottom | 3)
                .memory(newBottom + index(IOVA, 1) * 8, NEW_OUTPUT | 1)
                .pasidEntry(0, newTop | SECOND_STAGE | AW39 | P, ScalableUnit.DID, 0);
        assertThat(unit.submit(PASID_CACHE_PASID | 5L << 32).events()).as("another PASID").isEmpty();
        assertThat(unit.submit(PASID_CACHE_PASID).events())
                .containsExactly(unmap(IOVA), map(IOVA, NEW_OUTPUT, Permission.READ));
        assertThat(unit.submit(PASID_CACHE_PASID).events()).as("in sync").isEmpty();
    }

    @Test
    void aSwitchToPassThroughEmptiesTheListenerAndSwitchesTheView() {
        ScalableUnit unit = listenedSecondStage();
        unit.pasidEntry(0, PASS_THROUGH | P, ScalableUnit.DID, 0);
        assertThat(unit.submit(7 | 3 << 4).events()).containsExactly(unmap(IOVA),
                new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.IDENTITY));
        unit.pasidEntry(0, SS_TOP | SECOND_STAGE | AW39 | P, ScalableUnit.DID, 0);
        assertThat(unit.submit(CONTEXT_DEVICE).events()).containsExactly(
                new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.TRANSLATED),
                map(IOVA, OUTPUT, Permission.READ_WRITE));
    }

    @Test
    void aFirstStageDeviceHasNoMappingsForListeners() {
        ScalableUnit unit = firstStage(FIRST.withCachingMode(true), US | RW).queue(QUEUE, true);
        unit.apply(new Operation.RegisterListener(VFIO, DEVICE, 0, 0xFFFF_FFFFL,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
        assertThat(unit.apply(new Operation.Replay(VFIO)).events()).isEmpty();
        assertThat(unit.submit(IOTLB_DOMAIN).events()).isEmpty();
    }
}
