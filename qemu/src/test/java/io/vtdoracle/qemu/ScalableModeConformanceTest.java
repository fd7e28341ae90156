package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.model.Ambiguity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.vtdoracle.qemu.ScalableTables.AW39;
import static io.vtdoracle.qemu.ScalableTables.CONTEXT;
import static io.vtdoracle.qemu.ScalableTables.DIRECTORY;
import static io.vtdoracle.qemu.ScalableTables.FIRST_STAGE;
import static io.vtdoracle.qemu.ScalableTables.FS_TOP;
import static io.vtdoracle.qemu.ScalableTables.NESTED;
import static io.vtdoracle.qemu.ScalableTables.P;
import static io.vtdoracle.qemu.ScalableTables.PASID_TABLE;
import static io.vtdoracle.qemu.ScalableTables.PASS_THROUGH;
import static io.vtdoracle.qemu.ScalableTables.PS;
import static io.vtdoracle.qemu.ScalableTables.RW;
import static io.vtdoracle.qemu.ScalableTables.SECOND_STAGE;
import static io.vtdoracle.qemu.ScalableTables.SS_TOP;
import static io.vtdoracle.qemu.ScalableTables.US;
import static io.vtdoracle.qemu.ScalableTables.firstStageEntry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scalable mode (docs/semantics.md §9) on every configured QEMU, as QEMU's own tests/qtest/intel-iommu-test.c
 * programs it: one DMA through pass-through, the second stage ({@code x-scalable-mode=on}) and the first stage
 * ({@code x-flts=on}, skipped where QEMU lacks it), then the faults edu can provoke, each read back from FSTS and
 * FRCD. Where QEMU differs, the known divergence is asserted at the scenario's last step (docs/divergences.md,
 * "Scalable mode"); where QEMU takes the other reading of an open point, its acceptance under that ambiguity (A7,
 * A8 of docs/ambiguities.md).
 */
class ScalableModeConformanceTest {

    private static final long IOVA = 0x3000;
    private static final long OUTPUT = 0x9000;
    /** Beyond QEMU's 256 MiB of RAM, below every address width: reads of it fail. */
    private static final long OUTSIDE = 0x10_0000_0000L;

    /** {@code x-scalable-mode=on} on top of the tests' options. */
    private static QemuSetup secondStage(QemuSetup qemu) {
        return qemu.withOptions(EachQemu.options() + ",x-scalable-mode=on");
    }

    /** {@code x-scalable-mode=on,x-flts=on} (aw-bits 48, QEMU's only width for it); skipped without x-flts. */
    private static QemuSetup firstStage(QemuSetup qemu) {
        return qemu.withOptions(EachQemu.options() + ",aw-bits=48,x-scalable-mode=on,"
                + IommuOptions.require(qemu.binary(), "x-flts") + "=on");
    }

    private static ScalableTables tables() {
        return new ScalableTables(QemuUnit.EDU);
    }

    private static Scenario scenario(QemuSetup setup, ScalableTables tables) {
        Scenario scenario = new Scenario(setup);
        tables.operations().forEach(scenario::add);
        return scenario;
    }

    private static ScalableTables secondStageDevice(long rights) {
        return tables().device(SS_TOP | SECOND_STAGE | AW39 | P, 0).secondStageMap(IOVA, OUTPUT, rights).enable(1);
    }

    private static ScalableTables firstStageDevice(long leafFlags) {
        return tables().device(FIRST_STAGE | P, FS_TOP).firstStageMap(IOVA, OUTPUT, leafFlags).enable(1);
    }

    // The presets

    @QemuTest
    void scalableModeOptionsReportTheModelsPresets(QemuSetup qemu) {
        assertThat(secondStage(qemu).capabilities().scalableMode()).isEqualTo(ScalableMode.QEMU_SECOND_STAGE);
        new Scenario(secondStage(qemu)).read(Registers.CAP, 8).read(Registers.ECAP, 8).agrees();
        assertThat(firstStage(qemu).capabilities().scalableMode()).isEqualTo(ScalableMode.QEMU_FIRST_STAGE);
        new Scenario(firstStage(qemu)).read(Registers.CAP, 8).read(Registers.ECAP, 8).agrees();
    }

    // One DMA each, as intel-iommu-test.c

    @QemuTest
    void passThroughDmaIsTheIdentity(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        scenario(setup, tables().device(PASS_THROUGH | AW39 | P, 0).enable(1)
                .dma(0x123456, Access.WRITE).dma(0x5000, Access.READ)).agrees();
        // AW is ignored for PGTT 100b; QEMU 7.2 checks it (S10)
        ScalableTables noWidth = tables().device(PASS_THROUGH | P, 0).enable(1).dma(0x123456, Access.WRITE);
        if (scenario(setup, noWidth).knownDivergenceAtEnd("S10", QemuJudge.Kind.OUTCOME).isEmpty()) {
            scenario(setup, noWidth.dma(0x5000, Access.READ)).agrees();
        }
    }

    @QemuTest
    void secondStageDmaTranslates(QemuSetup qemu) throws IOException {
        QemuSetup setup = secondStage(qemu);
        scenario(setup, secondStageDevice(3).dma(IOVA | 0x123, Access.WRITE).dma(IOVA, Access.READ)).agrees();
        judged(setup, "second-stage");
    }

    /**
     * Says for CI's summary ("QEMU versions judged", .ci/run) that {@code setup}'s scalable mode was judged:
     * target/qemu-judged-SERIES-MODE.txt.
     */
    private static void judged(QemuSetup setup, String mode) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "qemu-judged-" + setup.binary().version().series() + "-scalable-" + mode
                + ".txt"), setup + ": scalable mode, " + mode + " (ScalableModeConformanceTest)\n");
    }

    @QemuTest
    void firstStageDmaTranslatesAndSetsAccessedAndDirty(QemuSetup qemu) throws IOException {
        QemuSetup setup = firstStage(qemu);
        scenario(setup, firstStageDevice(US | RW).dma(IOVA | 0x45, Access.READ)
                .readMemory(firstStageEntry(IOVA, 4)).readMemory(firstStageEntry(IOVA, 1))).agrees();
        scenario(setup, firstStageDevice(US | RW).dma(IOVA, Access.WRITE).readMemory(firstStageEntry(IOVA, 1)))
                .agrees();
        scenario(setup, firstStageDevice(US).dma(IOVA, Access.READ)).agrees();
        judged(setup, "first-stage");
    }

    @QemuTest
    void firstStageTwoMegabytePage(QemuSetup qemu) {
        ScalableTables tables = tables().device(FIRST_STAGE | P, FS_TOP)
                .memory(firstStageEntry(0x20_1234, 4), (FS_TOP + 0x1000) | US | RW | P)
                .memory(firstStageEntry(0x20_1234, 3), (FS_TOP + 0x2000) | US | RW | P)
                .memory(firstStageEntry(0x20_1234, 2), 0x60_0000 | PS | US | RW | P).enable(1);
        scenario(firstStage(qemu), tables.dma(0x20_1234, Access.WRITE)).agrees();
    }

    // Faults QEMU records as the model does

    @QemuTest
    void pasidStructureFaultsAreRecorded(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        long passThrough = PASS_THROUGH | AW39;
        pasidFault(setup, tables().device(passThrough | P, 0).memory(DIRECTORY, PASID_TABLE).enable(1));
        pasidFault(setup, tables().device(passThrough, 0).enable(1));
        // PGTT 011b, and 001b without ECAP.FLTS: 5Bh (QEMU 7.2 walks both as second stage: S11)
        for (long pgtt : new long[] {NESTED, FIRST_STAGE}) {
            Scenario invalid = scenario(setup, tables().device(pgtt | AW39 | P, FS_TOP).enable(1).dma(IOVA, Access.READ));
            if (invalid.knownDivergenceAtEnd("S11", QemuJudge.Kind.OUTCOME).isEmpty()) {
                scenario(setup, tables().device(pgtt | AW39 | P, FS_TOP).enable(1).dma(IOVA, Access.READ)).readFault()
                        .agrees();
            }
        }
        pasidFault(setup, tables().device(passThrough | P, 0).context(OUTSIDE | P, 0).enable(1));
        // 58h itself: the PASID table cannot be read
        scenario(setup, tables().device(passThrough | P, 0).memory(DIRECTORY, OUTSIDE | P).enable(1)
                .dma(IOVA, Access.READ)).readFault().agrees();
    }

    /** A PASID-structure fault other than 58h: QEMU 7.2 reports each as 58h (S6). */
    private static void pasidFault(QemuSetup setup, ScalableTables tables) {
        Scenario scenario = scenario(setup, tables.dma(IOVA, Access.READ));
        if (scenario.knownDivergenceAtEnd("S6", QemuJudge.Kind.OUTCOME).isEmpty()) {
            scenario(setup, tables).readFault().agrees();
        }
    }

    @QemuTest
    void firstStageFaultsAreRecorded(QemuSetup qemu) {
        QemuSetup setup = firstStage(qemu);
        // each DMA's outcome carries the record read from FRCD[0] (reading it back shows S8)
        scenario(setup, firstStageDevice(US | RW).memory(firstStageEntry(IOVA, 1), 0).dma(IOVA, Access.READ))
                .agrees();
        scenario(setup, firstStageDevice(RW).dma(IOVA, Access.READ)).agrees();
        scenario(setup, firstStageDevice(US).dma(IOVA, Access.WRITE)).agrees();
        scenario(setup, firstStageDevice(US | RW).memory(firstStageEntry(IOVA, 4), (FS_TOP + 0x1000) | PS | US | RW
                | P).dma(IOVA, Access.READ)).agrees();
        scenario(setup, firstStageDevice(US | RW).memory(firstStageEntry(IOVA, 3), OUTSIDE | US | RW | P)
                .dma(IOVA, Access.READ)).agrees();
        scenario(setup, tables().device(FIRST_STAGE | P, OUTSIDE).enable(1).dma(IOVA, Access.READ)).agrees();
    }

    @QemuTest
    void faultProcessingDisabledSilencesQualifiedFaults(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        scenario(setup, secondStageDevice(0).context(DIRECTORY | ScalableTables.FPD | P, 0).dma(IOVA, Access.READ))
                .readFault().agrees();
        scenario(setup, secondStageDevice(0).memory(DIRECTORY, PASID_TABLE | ScalableTables.FPD | P)
                .dma(IOVA, Access.READ)).readFault().agrees();
    }

    // Known divergences: the minimal scenario of each is KnownScenarios' (exported by --export-repro --known)

    /** Asserts known divergence {@code id} at the end of its KnownScenarios scenario (agreement where fixed). */
    private static void known(QemuSetup setup, String id) {
        Scenario scenario = new Scenario(setup);
        KnownScenarios.of(id, scenario.capabilities).orElseThrow().operations().forEach(scenario::add);
        scenario.knownDivergenceAtEnd(id, QemuJudge.Kind.OUTCOME);
    }

    /** S1: root, context and second-stage faults are recorded with legacy-mode reasons. */
    @QemuTest
    void s1LegacyFaultReasonsInScalableMode(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        known(setup, "S1");
        ScalableTables[] cases = {
            tables().device(PASS_THROUGH | AW39 | P, 0).root(CONTEXT, 0).enable(1),
            tables().device(PASS_THROUGH | AW39 | P, 0).context(DIRECTORY, 0).enable(1),
            secondStageDevice(2),
            secondStageDevice(3).memory(SS_TOP + 0x2000 + 3 * 8, OUTPUT | 1L << 50 | 3),
            secondStageDevice(3).memory(SS_TOP, OUTSIDE | 3),
            tables().device(OUTSIDE | SECOND_STAGE | AW39 | P, 0).enable(1)};
        for (ScalableTables tables : cases) {
            scenario(setup, tables.dma(IOVA, Access.READ)).knownDivergenceAtEnd("S1", QemuJudge.Kind.OUTCOME);
        }
        scenario(setup, secondStageDevice(1).dma(IOVA, Access.WRITE))
                .knownDivergenceAtEnd("S1", QemuJudge.Kind.OUTCOME);
    }

    /** S2: RTADDR.TTM 11b and 10b (reserved) are taken as scalable and legacy mode by bit 10 alone. */
    @QemuTest
    void s2ReservedTranslationTableModes(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        known(setup, "S2");
        scenario(setup, tables().device(PASS_THROUGH | AW39 | P, 0).enable(2).dma(IOVA, Access.READ))
                .knownDivergenceAtEnd("S2", QemuJudge.Kind.OUTCOME);
    }

    /** S3: the FPD of a PASID-table entry that is not present does not silence its fault. */
    @QemuTest
    void s3FaultProcessingDisabledInANotPresentPasidEntry(QemuSetup qemu) {
        known(secondStage(qemu), "S3");
    }

    /** S4: a write served from the IOTLB entry a read filled does not set the leaf's D bit. */
    @QemuTest
    void s4WriteThroughACachedFirstStageTranslationLeavesDirtyClear(QemuSetup qemu) {
        known(firstStage(qemu), "S4");
    }

    /**
     * S14: QEMU 10.0 checks a PASID-table entry's type before its P, so a not-present entry of type 000b faults 5Bh;
     * QEMU 7.2 reports it as 58h, which is S6.
     */
    @QemuTest
    void s14PasidEntryTypeCheckedBeforePresence(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        Scenario scenario = new Scenario(setup);
        KnownScenarios.of("S14", scenario.capabilities).orElseThrow().operations().forEach(scenario::add);
        boolean shown = KnownDivergences.fromClassPath().entry("S14").orElseThrow()
                .shownBy(setup.binary().version());
        scenario.knownDivergenceAtEnd(shown ? "S14" : "S6", QemuJudge.Kind.OUTCOME);
    }

    /**
     * D1 in scalable mode: a write through the IOTLB entry a read of a read-only second-stage leaf filled is refused
     * silently (the model records 85h).
     */
    @QemuTest
    void d1WriteHittingAReadOnlySecondStageTranslation(QemuSetup qemu) {
        scenario(secondStage(qemu), secondStageDevice(1).dma(IOVA, Access.READ).dma(IOVA, Access.WRITE))
                .knownDivergenceAtEnd("D1-write", QemuJudge.Kind.OUTCOME);
    }

    /** S5: reserved fields of scalable-mode structures QEMU does not check. */
    @QemuTest
    void s5UncheckedReservedFields(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        known(setup, "S5");
        ScalableTables[] cases = {
            tables().device(PASS_THROUGH | AW39 | P, 0).memory(DIRECTORY, PASID_TABLE | 1L << 2 | P).enable(1),
            tables().device(PASS_THROUGH | AW39 | P, 0).memory(PASID_TABLE + 40, 1).enable(1),
            tables().device(PASS_THROUGH | AW39 | P, 0).context(DIRECTORY | P, 1 << 13).enable(1)};
        for (ScalableTables tables : cases) {
            scenario(setup, tables.dma(IOVA, Access.READ)).knownDivergenceAtEnd("S5", QemuJudge.Kind.OUTCOME);
        }
    }

    /** S6, S10, S11: QEMU 7.2's PASID-table checks (fixed in 10.0: agreement asserted there). */
    @QemuTest
    void s6s10s11PasidTableEntryChecksOfQemu72(QemuSetup qemu) {
        QemuSetup setup = secondStage(qemu);
        known(setup, "S6");
        known(setup, "S10");
        known(setup, "S11");
    }

    /**
     * S8: the record of a fault found in the second- or first-stage walk of a request without PASID says PP = 1
     * (an output address in the interrupt window, 87h; a first-stage leaf that is not present, 71h).
     */
    @QemuTest
    void s8FaultRecordOfAWalkFaultSaysPasidPresent(QemuSetup qemu) {
        known(secondStage(qemu), "S8");
        scenario(firstStage(qemu), firstStageDevice(US | RW).memory(firstStageEntry(IOVA, 1), 0)
                .dma(IOVA, Access.READ)).read(Registers.FRCD + 8, 8).knownDivergenceAtEnd("S8", QemuJudge.Kind.OUTCOME);
    }

    /**
     * S9: with x-scalable-mode=on, SNP (bit 11) of a legacy-mode (TTM 00b: root entry, 128-bit context entry of edu)
     * second-level leaf is not reserved.
     */
    @QemuTest
    void s9SnoopBitOfALegacyModeLeafOfAScalableCapableUnit(QemuSetup qemu) {
        known(secondStage(qemu), "S9");
    }

    /**
     * A8 (was S9's scalable-mode half): SNP (bit 11) of a scalable-mode second-stage leaf is not reserved without
     * ECAP.SC; the model's reading faults 7Ah.
     */
    @QemuTest
    void a8SnoopBitOfAScalableModeSecondStageLeaf(QemuSetup qemu) {
        QemuJudge.Divergence strict = scenario(secondStage(qemu), tables().device(SS_TOP | SECOND_STAGE | AW39 | P, 0)
                .secondStageMap(IOVA, OUTPUT | 1L << 11, 3).enable(1).dma(IOVA, Access.READ))
                .agreesOnlyUnder(Ambiguity.A8);
        assertThat(strict.observed()).startsWith("translated 0x" + Long.toHexString(OUTPUT + IOVA % 0x1000));
        assertThat(strict.allowed()).allMatch(a -> a.contains("SM_SECOND_STAGE_ENTRY_RESERVED(7ah)"));
    }

    /** S12: with x-scalable-mode=on, a legacy-mode translation into the interrupt window faults 87h, not Eh. */
    @QemuTest
    void s12LegacyModeInterruptAddressOfAScalableCapableUnit(QemuSetup qemu) {
        known(secondStage(qemu), "S12");
    }

    /**
     * A7 (was S7): a first-stage walk that faults at a not-present leaf (71h) has set A in the entries above it,
     * seen when the top entry is read back; the model's reading sets A only on a walk that translates.
     */
    @QemuTest
    void a7FaultingFirstStageWalkSetsAccessedAbove(QemuSetup qemu) {
        QemuJudge.Divergence strict = scenario(firstStage(qemu), firstStageDevice(US | RW)
                .memory(firstStageEntry(IOVA, 1), 0).dma(IOVA, Access.READ)
                .readMemory(firstStageEntry(IOVA, 4))).agreesOnlyUnder(Ambiguity.A7);
        assertThat(strict.observed()).startsWith("value 0x");
    }
}
