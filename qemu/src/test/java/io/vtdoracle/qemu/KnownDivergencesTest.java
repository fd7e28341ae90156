package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.Registers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The divergences of docs/divergences.md that edu and qtest can reach, each as its minimal scenario, on every
 * configured QEMU. Where the known-divergences file says a QEMU shows the divergence, the judge must REPORT it at
 * the scenario's last step (named by its entry); where the file says it was fixed, QEMU must agree (a regression
 * fails). They fail when QEMU or the model changes. The scenarios are {@link KnownScenarios}', the ones
 * {@code vtd-oracle qemu --export-repro DIR --known} exports. docs/qemu-conformance.md has the verdicts.
 */
class KnownDivergencesTest {

    /** The known scenario {@code id}, programmed for the capabilities {@code qemu} reports. */
    private static Scenario known(QemuSetup qemu, String id) {
        Scenario scenario = new Scenario(qemu);
        KnownScenarios.of(id, scenario.capabilities).orElseThrow().operations().forEach(scenario::add);
        return scenario;
    }

    /** D1: a read hitting a cached write-only translation is refused without a fault record. */
    @QemuTest
    void d1ReadOnAnIotlbHitWithoutReadPermissionRecordsNoFault(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D1-read");
        scenario.knownDivergenceAtEnd("D1-read", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("translated 0x500000");
            assertThat(divergence.allowed()).allMatch(a -> a.startsWith("dma fault READ_NOT_PERMITTED(6h)"));
        });
    }

    /** D1, write side: a write hitting a cached read-only translation is dropped silently. */
    @QemuTest
    void d1WriteOnAnIotlbHitWithoutWritePermissionIsDroppedSilently(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D1-write");
        scenario.knownDivergenceAtEnd("D1-write", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("dma fault (").contains("refused after translation");
        });
    }

    /** D3: a 2 MiB leaf overlapping the interrupt window faults Eh even for addresses translating outside it. */
    @QemuTest
    void d3WholeLeafOverlappingTheInterruptWindowFaults(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D3");
        scenario.knownDivergenceAtEnd("D3", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).contains("INTERRUPT_ADDRESS(eh)");
            assertThat(divergence.allowed()).contains("translated 0xfef00000 mask 0x1fffff");
        });
    }

    /**
     * D5: a context entry in pass-through, invalidated device-selectively (QEMU switches edu to system memory
     * then), rewritten to translate without an invalidation; no request came between, so the model's context-cache
     * is empty and the DMA walks the new entry's (empty) tables. QEMU still passes it through.
     */
    @QemuTest
    void d5PassThroughTakenAtTheInvalidationOutlivesTheContextEntry(QemuSetup qemu) {
        Scenario scenario = new Scenario(qemu);
        long context = 0x103000 + 16L * (QemuUnit.EDU_SLOT << 3);
        long high = (qemu.capabilities().addressWidth() == 48 ? 2 : 1) | 1L << 8; // AW, domain 1
        long deviceSelective = 0xE000_0000_0000_0001L | (long) (QemuUnit.EDU_SLOT << 3) << 16; // CCMD: ICC, CIRG 3
        scenario.add(new Operation.WriteRegister(0x20, 8, 0x100000)) // RTADDR
                .add(new Operation.WriteRegister(0x18, 4, 0x4000_0000L)) // GCMD.SRTP
                .add(new Operation.WriteRegister(0x28, 8, 0xA000_0000_0000_0000L)) // CCMD global
                .add(new Operation.WriteRegister(0xF8, 8, 0x9003_0000_0000_0000L)) // IOTLB global
                .add(new Operation.WriteRegister(0x18, 4, 0x8000_0000L)) // GCMD.TE
                .add(new Operation.WriteMemory(0x100000, 0x103001)) // root entry of bus 0
                .add(new Operation.WriteMemory(context + 8, high))
                .add(new Operation.WriteMemory(context, 0x9)) // present, pass-through
                .add(new Operation.WriteRegister(0x28, 8, deviceSelective))
                .add(new Operation.WriteMemory(context, 0x102001)) // present, translated by tables at 0x102000
                .dma(0x0, Access.WRITE);
        scenario.knownDivergenceAtEnd("D5-stale", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("translated 0x0 ").contains("no translation traced");
            assertThat(divergence.allowed()).allMatch(a -> a.startsWith("dma fault WRITE_NOT_PERMITTED(5h)"));
        });
    }

    /** D7: a domain-selective context-cache invalidation is performed (and reported in CAIG) as global. */
    @QemuTest
    void d7DomainSelectiveContextInvalidationReportedAsGlobalIsAdmitted(QemuSetup qemu) {
        // §10.4.7 lets hardware invalidate more than asked if CAIG says so: QEMU's CIRG = 2, CAIG = 1 is allowed.
        Scenario scenario = new Scenario(qemu);
        scenario.translatedEdu();
        scenario.guest.invalidateContextDomain(InvalidationPath.REGISTER, Scenario.DID);
        scenario.drain();
        scenario.read(Registers.CCMD + 4, 4);
        scenario.agrees();
    }

    /** D11: a wait descriptor with both SW and IF set aborts QEMU 7.2; the next scenario gets a fresh QEMU. */
    @QemuTest
    void d11StatusWriteAndInterruptTogetherAbortQemu(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D11-abort");
        scenario.knownDivergenceAtEnd("D11-abort", QemuJudge.Kind.QEMU_DIED).ifPresent(divergence -> {
            assertThat(divergence.observed()).contains("SIGABRT");
            assertThat(String.join("\n", divergence.trace())).contains("vtd_process_wait_desc");
        });
        new Scenario(qemu).read(Registers.VER, 4).agrees(); // a fresh QEMU
    }

    /** D11, second half: a wait descriptor with neither SW nor IF is a fence for the model, IQE for QEMU. */
    @QemuTest
    void d11WaitDescriptorWithoutFlagsIsRejected(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D11-neither");
        scenario.knownDivergenceAtEnd("D11-neither", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).isEqualTo("value 0x10");
            assertThat(divergence.allowed()).containsExactly("value 0x0");
        });
    }

    /** D18: a compatibility-format interrupt passes through although remapping is on and CFIS is 0. */
    @QemuTest
    void d18CompatibilityFormatPassesWithRemappingEnabled(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D18");
        scenario.knownDivergenceAtEnd("D18", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x30)");
            assertThat(divergence.allowed()).allMatch(a -> a.startsWith("interrupt fault"));
        });
    }

    /** D19: interrupt-remapping faults are not recorded (QEMU 7.2). */
    @QemuTest
    void d19InterruptRemappingFaultsAreNotRecorded(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D19");
        scenario.knownDivergenceAtEnd("D19", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("interrupt fault (");
            assertThat(divergence.allowed()).allMatch(a -> a.contains("FRCD[0] 00:04.0 IR_ENTRY_NOT_PRESENT(22h)"));
        });
    }

    /**
     * N1 (new): the remapped message of an edge-triggered IRTE has the level bit (data bit 14) set by QEMU, clear
     * in the model (contract §5.6). The bit is not used for edge-triggered interrupts (Intel SDM vol. 3A, "Message Data Register Format").
     */
    @QemuTest
    void n1EdgeTriggeredRemappedMessageWithTheLevelBitIsAdmitted(QemuSetup qemu) {
        // QEMU sets the level bit (data 14) of an edge-triggered message; it means nothing there, so it is allowed.
        Scenario scenario = new Scenario(qemu);
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                Encoding.xapicDestination(1)), Encoding.irteHigh(0, 0, Encoding.SVT_NONE));
        scenario.add(InterruptConformanceTest.msi(Encoding.remappableAddress(5, false), 0));
        scenario.agrees();
    }

    /** D22: RTADDR keeps TTM (bits 11:10) as the model does; CCMD's SID and FM and IVA are write-only. */
    @QemuTest
    void d22RtaddrKeepsTheTranslationTableMode(QemuSetup qemu) {
        Scenario scenario = new Scenario(qemu);
        scenario.add(new Operation.WriteRegister(Registers.RTADDR, 8, 0x123000L | 1 << 10)).read(Registers.RTADDR, 8);
        scenario.agrees();
    }

    @QemuTest
    void d22IvaIsWriteOnly(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D22-IVA");
        scenario.knownDivergenceAtEnd("D22-IVA", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).isEqualTo("value 0x0");
        });
    }

    @QemuTest
    void d22CcmdSourceIdIsWriteOnly(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D22-CCMD");
        scenario.knownDivergenceAtEnd("D22-CCMD", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).isEqualTo("value 0x5");
        });
    }

    /** D24: SVT=2 takes SID[15:8] as the highest bus: start 1, end 0 lets bus 0 through. */
    @QemuTest
    void d24BusRangeValidationOrder(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D24");
        scenario.knownDivergenceAtEnd("D24", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x4042)");
            assertThat(divergence.allowed()).allMatch(a -> a.contains("IR_SOURCE_ID_INVALID(26h)"));
        });
    }

    /** D25: the IRTE's IM bit (15) is not checked. */
    @QemuTest
    void d25IrteModeBitIsNotChecked(QemuSetup qemu) {
        Scenario scenario = known(qemu, "D25");
        scenario.knownDivergenceAtEnd("D25", QemuJudge.Kind.OUTCOME).ifPresent(divergence -> {
            assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x4042)");
            assertThat(divergence.allowed()).allMatch(a -> a.contains("IR_ENTRY_RESERVED(24h)"));
        });
    }

    /** D18, register side: GCMD.CFI is not implemented, GSTS.CFIS stays 0. */
    @QemuTest
    void d18CompatibilityFormatStatusNeverSet(QemuSetup qemu) {
        known(qemu, "D18-cfis").knownDivergenceAtEnd("D18-cfis", QemuJudge.Kind.OUTCOME);
    }

    /** N4: an 8-byte write of FECTL and FEDATA aborts QEMU. */
    @QemuTest
    void n4EightByteWriteOfTheFaultEventControlAbortsQemu(QemuSetup qemu) {
        known(qemu, "N4").knownDivergenceAtEnd("N4", QemuJudge.Kind.QEMU_DIED);
    }

    /** N5: a device-TLB invalidation descriptor with ECAP.DT = 0 is processed, not an invalid descriptor. */
    @QemuTest
    void n5DeviceTlbDescriptorWithoutDeviceTlbSupport(QemuSetup qemu) {
        known(qemu, "N5").knownDivergenceAtEnd("N5", QemuJudge.Kind.OUTCOME);
    }

    /** N9: a descriptor with the upper type field set is processed (QEMU 7.2), invalid for the model. */
    @QemuTest
    void n9UpperDescriptorTypeBitsAreIgnored(QemuSetup qemu) {
        known(qemu, "N9").knownDivergenceAtEnd("N9", QemuJudge.Kind.OUTCOME);
    }

    /**
     * N15: queued invalidation enabled and, before any descriptor, disabled again: QEMU keeps GSTS.QIES set (its
     * disable check wants a wait descriptor to have been the last one processed).
     */
    @QemuTest
    void n15QueuedInvalidationDisabledBeforeAnyDescriptor(QemuSetup qemu) {
        new Scenario(qemu).add(new Operation.WriteRegister(0x90, 8, 0x101000)) // IQA
                .add(new Operation.WriteRegister(0x18, 4, 0x0400_0000L)) // GCMD.QIE
                .add(new Operation.WriteRegister(0x18, 4, 0)) // QIE cleared, the queue empty
                .add(new Operation.ReadRegister(0x1c, 4)) // GSTS
                .knownDivergenceAtEnd("N15", QemuJudge.Kind.OUTCOME);
    }
}
