package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The divergences of docs/divergences.md that edu and qtest can reach, each as its minimal scenario. These tests
 * expect the judge to REPORT the divergence at the scenario's last step: they fail when QEMU or the model changes.
 * docs/qemu-conformance.md has the verdicts.
 */
class KnownDivergencesTest {

    @BeforeEach
    void qemu() {
        Scenario.assumeQemu();
    }

    /** D1: a read hitting a cached write-only translation is refused without a fault record. */
    @Test
    void d1ReadOnAnIotlbHitWithoutReadPermissionRecordsNoFault() {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        scenario.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.WRITE);
        scenario.dma(0x10000, Access.WRITE).dma(0x10000, Access.READ);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("translated 0x500000");
        assertThat(divergence.allowed()).allMatch(a -> a.startsWith("dma fault READ_NOT_PERMITTED(6h)"));
    }

    /** D1, write side: a write hitting a cached read-only translation is dropped silently. */
    @Test
    void d1WriteOnAnIotlbHitWithoutWritePermissionIsDroppedSilently() {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        scenario.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ);
        scenario.dma(0x10000, Access.READ).dma(0x10000, Access.WRITE);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("dma fault (").contains("refused after translation");
    }

    /** D3: a 2 MiB leaf overlapping the interrupt window faults Eh even for addresses translating outside it. */
    @Test
    void d3WholeLeafOverlappingTheInterruptWindowFaults() {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        scenario.map(domain, 0x200000, 0xFEE00000L, PageSize.SIZE_2M, Permission.READ_WRITE);
        scenario.dma(0x300000, Access.READ);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).contains("INTERRUPT_ADDRESS(eh)");
        assertThat(divergence.allowed()).contains("translated 0xfef00000 mask 0x1fffff");
    }

    /** D7: a domain-selective context-cache invalidation is performed (and reported in CAIG) as global. */
    @Test
    void d7DomainSelectiveContextInvalidationReportedAsGlobalIsAdmitted() {
        // §10.4.7 lets hardware invalidate more than asked if CAIG says so: QEMU's CIRG = 2, CAIG = 1 is allowed.
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.invalidateContextDomain(InvalidationPath.REGISTER, Scenario.DID);
        scenario.drain();
        scenario.read(Registers.CCMD + 4, 4);
        scenario.agrees();
    }

    /** D11: a wait descriptor with both SW and IF set aborts QEMU 7.2; the next scenario gets a fresh QEMU. */
    @Test
    void d11StatusWriteAndInterruptTogetherAbortQemu() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submit(Encoding.invalidationWait(true, true, false, 1, scenario.guest.statusPage()));
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.QEMU_DIED);
        assertThat(divergence.observed()).contains("SIGABRT");
        assertThat(String.join("\n", divergence.trace())).contains("vtd_process_wait_desc");
        new Scenario().read(Registers.VER, 4).agrees(); // a fresh QEMU
    }

    /** D11, second half: a wait descriptor with neither SW nor IF is a fence for the model, IQE for QEMU. */
    @Test
    void d11WaitDescriptorWithoutFlagsIsRejected() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submit(Encoding.invalidationWait(false, false, true, 0, 0));
        scenario.drain();
        scenario.read(Registers.FSTS, 4);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).isEqualTo("value 0x10");
        assertThat(divergence.allowed()).containsExactly("value 0x0");
    }

    /** D18: a compatibility-format interrupt passes through although remapping is on and CFIS is 0. */
    @Test
    void d18CompatibilityFormatPassesWithRemappingEnabled() {
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.add(InterruptConformanceTest.msi(0xFEE01000L, 0x30));
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x30)");
        assertThat(divergence.allowed()).allMatch(a -> a.startsWith("interrupt fault"));
    }

    /** D19: interrupt-remapping faults are not recorded (QEMU 7.2). */
    @Test
    void d19InterruptRemappingFaultsAreNotRecorded() {
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.add(InterruptConformanceTest.msi(Encoding.remappableAddress(3, false), 0));
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("interrupt fault (");
        assertThat(divergence.allowed()).allMatch(a -> a.contains("FRCD[0] 00:04.0 IR_ENTRY_NOT_PRESENT(22h)"));
    }

    /**
     * N1 (new): the remapped message of an edge-triggered IRTE has the level bit (data bit 14) set by QEMU, clear
     * in the model (contract §5.6). The bit is not used for edge-triggered interrupts (Intel SDM vol. 3A, "Message Data Register Format").
     */
    @Test
    void n1EdgeTriggeredRemappedMessageWithTheLevelBitIsAdmitted() {
        // QEMU sets the level bit (data 14) of an edge-triggered message; it means nothing there, so it is allowed.
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                Encoding.xapicDestination(1)), Encoding.irteHigh(0, 0, Encoding.SVT_NONE));
        scenario.add(InterruptConformanceTest.msi(Encoding.remappableAddress(5, false), 0));
        scenario.agrees();
    }

    /** D22: RTADDR keeps TTM (bits 11:10) as the model does; CCMD's SID and FM and IVA are write-only. */
    @Test
    void d22RtaddrKeepsTheTranslationTableMode() {
        Scenario scenario = new Scenario();
        scenario.add(new Operation.WriteRegister(Registers.RTADDR, 8, 0x123000L | 1 << 10)).read(Registers.RTADDR, 8);
        scenario.agrees();
    }

    @Test
    void d22IvaIsWriteOnly() {
        Scenario scenario = new Scenario();
        scenario.add(new Operation.WriteRegister(Registers.IVA, 8, 0x5000 | 3)).read(Registers.IVA, 8);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).isEqualTo("value 0x0");
    }

    @Test
    void d22CcmdSourceIdIsWriteOnly() {
        Scenario scenario = new Scenario();
        scenario.add(new Operation.WriteRegister(Registers.CCMD, 4, 0x00200005)).read(Registers.CCMD, 4);
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).isEqualTo("value 0x5");
    }

    /** D24: SVT=2 takes SID[15:8] as the highest bus: start 1, end 0 lets bus 0 through. */
    @Test
    void d24BusRangeValidationOrder() {
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                Encoding.xapicDestination(1)), Encoding.irteHigh(0x0100, 0, Encoding.SVT_BUS_RANGE));
        scenario.add(InterruptConformanceTest.msi(Encoding.remappableAddress(5, false), 0));
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x4042)");
        assertThat(divergence.allowed()).allMatch(a -> a.contains("IR_SOURCE_ID_INVALID(26h)"));
    }

    /** D25: the IRTE's IM bit (15) is not checked. */
    @Test
    void d25IrteModeBitIsNotChecked() {
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        scenario.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, false, 0, 0x42,
                Encoding.xapicDestination(1)) | 1L << 15, Encoding.irteHigh(0, 0, Encoding.SVT_NONE));
        scenario.add(InterruptConformanceTest.msi(Encoding.remappableAddress(5, false), 0));
        QemuJudge.Divergence divergence = scenario.divergesAtEnd(QemuJudge.Kind.OUTCOME);
        assertThat(divergence.observed()).startsWith("interrupt MSI(addr 0xfee01000, data 0x4042)");
        assertThat(divergence.allowed()).allMatch(a -> a.contains("IR_ENTRY_RESERVED(24h)"));
    }
}
