package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The known-divergence data file (src/test/resources/qemu-known-divergences.txt) parses, and each entry names the
 * divergence texts the campaign met (copied from campaign reports); unrelated divergences stay new. Needs no QEMU.
 */
class KnownDivergencesFileTest {

    private static final SourceId EDU = QemuConformanceMachine.EDU;
    private final KnownDivergences known = KnownDivergences.fromClassPath();

    private Optional<String> id(QemuJudge.Kind kind, Operation operation, String observed, String allowed,
                                String... trace) {
        return id(QemuVersion.parse("7.2"), kind, operation, observed, allowed, trace);
    }

    private Optional<String> id(QemuVersion version, QemuJudge.Kind kind, Operation operation, String observed,
                                String allowed, String... trace) {
        return known.match(new QemuJudge.Divergence(kind, 0, operation, observed, Set.of(allowed), List.of(operation),
                List.of(trace), ""), version);
    }

    @Test
    void everyListedDivergenceIsNamed() {
        Operation dmaRead = new Operation.DmaRequest(EDU, 0x10000, Access.READ);
        Operation dmaWrite = new Operation.DmaRequest(EDU, 0x10000, Access.WRITE);
        Operation irq = new Operation.InterruptRequest(EDU, 0xFEE00058L, 4);
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaRead, "translated 0x500000 mask 0xfff (translation traced)",
                "dma fault READ_NOT_PERMITTED(6h) [FRCD[0] 00:02.0 READ_NOT_PERMITTED(6h) info 0x10000 READ]"))
                .contains("D1-read");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaWrite, "translated 0x10000 mask 0xfff (no translation traced: identity"
                + " (translation off or pass-through); marker found at the target)", "dma fault WRITE_NOT_PERMITTED(5h)"
                + " [...]")).contains("D5-stale");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.InterruptRequest(EDU, 0xFEE00010L, 0), "interrupt fault"
                + " (interrupt dropped, no fault recorded (reason not shown))", "interrupt MSI(addr 0xfee00000, data 0x20)",
                "vtd_ir_remap_msi_req addr 0xfee00010 data 0x0", "vtd_ir_irte_get index 0 low 0x80001 high 0x200001"))
                .contains("D24-reject");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaRead, "dma fault ROOT_ENTRY_NOT_PRESENT(1h) [...]",
                "dma fault ROOT_TABLE_ACCESS_ERROR(8h) [...]", "vtd_reg_dmar_root addr 0xffff000 scalable 0"))
                .contains("N11");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x90, 4), "value 0x7", "value 0xfffff007"))
                .contains("N12");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x90, 4), "value 0x101001",
                "value 0x1 | value 0x101000")).contains("N12-qs");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.WriteRegister(0x88, 8, 0x50), "written",
                "written [interrupt addr 0xfee00000 data 0x4f]", "vtd_reg_write addr 0x88 size 0x8 value 0x50",
                "vtd_inv_qi_tail write tail 5", "vtd_inv_qi_fetch ", "vtd_inv_qi_head read head 4")).contains("N13");
        assertThat(id(QemuVersion.parse("10.0"), QemuJudge.Kind.OUTCOME, new Operation.InterruptRequest(EDU, 0xFEEFFFFCL, 1),
                "interrupt fault IR_ENTRY_NOT_PRESENT(22h) [FRCD[0] 00:02.0 IR_ENTRY_NOT_PRESENT(22h) info 0x0 WRITE]",
                "interrupt fault IR_INDEX_BEYOND_TABLE(21h) [FRCD[0] 00:02.0 IR_INDEX_BEYOND_TABLE(21h) info 0x0 WRITE]"))
                .contains("N14");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x1c, 4), "value 0xc7000000",
                "value 0xc3000000")).contains("N15");
        assertThat(id(QemuVersion.parse("10.0"), QemuJudge.Kind.OUTCOME, dmaRead,
                "dma fault SM_FIRST_STAGE_ENTRY_NOT_PRESENT(71h) (fault 71h traced, not recorded)",
                "dma fault SM_PASID_ENTRY_NOT_PRESENT(59h)",
                "vtd_iotlb_cc_hit IOTLB context hit bus 0x0 devfn 0x10 high 0x0 low 0x105401 gen 1")).contains("S15");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaWrite, "dma fault (translation traced; but the write did not reach"
                + " 0x500000 (refused after translation, no fault))", "dma fault WRITE_NOT_PERMITTED(5h) [...]"))
                .contains("D1-write");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaRead, "dma fault INTERRUPT_ADDRESS(eh) [FRCD...]",
                "translated 0xfef00000 mask 0x1fffff")).contains("D3");
        assertThat(id(QemuJudge.Kind.QEMU_DIED, new Operation.WriteRegister(0x88, 8, 0x50), "QEMU died: ... SIGABRT",
                "done", "qemu-system-x86_64: ../../hw/i386/intel_iommu.c:2484: vtd_process_wait_desc: Assertion"
                        + " `!(inv_desc->lo & VTD_INV_DESC_WAIT_IF)' failed.")).contains("D11-abort");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x34, 4), "value 0x10", "value 0x0",
                "qemu-system-x86_64: vtd_process_wait_desc: invalid wait desc: hi=0, lo=5 (unknown type)"))
                .contains("D11-neither");
        assertThat(id(QemuJudge.Kind.OUTCOME, irq, "interrupt MSI(addr 0xfee01000, data 0x30) (remapped message"
                + " traced)", "interrupt fault IR_COMPATIBILITY_BLOCKED(25h) [FRCD...]")).contains("D18");
        assertThat(id(QemuJudge.Kind.OUTCOME, irq, "interrupt fault (interrupt dropped, no fault recorded (reason"
                + " not shown))", "interrupt fault [FRCD[0] 00:02.0 IR_ENTRY_NOT_PRESENT(22h) info 0x3000000000000"
                + " WRITE]")).contains("D19");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0xf0, 8), "value 0x0", "value 0x5003"))
                .contains("D22-IVA");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x28, 4), "value 0x5", "value 0x200005"))
                .contains("D22-CCMD");
        assertThat(id(QemuJudge.Kind.OUTCOME, irq, "interrupt MSI(addr 0xfee00000, data 0x42) (remapped message"
                + " traced)", "interrupt fault IR_SOURCE_ID_INVALID(26h) [FRCD...]")).contains("D24");
        assertThat(id(QemuJudge.Kind.OUTCOME, irq, "interrupt MSI(addr 0xfee00000, data 0x42) (remapped message"
                + " traced)", "interrupt fault IR_ENTRY_RESERVED(24h) [FRCD...]")).contains("D25");
        assertThat(id(QemuJudge.Kind.QEMU_DIED, new Operation.WriteRegister(0x38, 8, 0), "QEMU died: ... SIGABRT",
                "done", "qemu-system-x86_64: ../../hw/i386/intel_iommu.c:2973: vtd_mem_write: Assertion `size == 4'"
                        + " failed.")).contains("N4");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.WriteRegister(0x88, 8, 0x70), "written",
                "written [interrupt addr 0xfee00000 data 0x4f]",
                "vtd_inv_desc invalidate desc type device high 0xfee55000 low 0x1000000003")).contains("N5");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x18, 8), "value 0x4700000000000000",
                "value 0x4780000000000000")).contains("D18-cfis");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaRead, "translated 0x2100c mask 0x3fffffff (translation traced;"
                + " read data not observed)", "dma fault ROOT_ENTRY_RESERVED(ah)",
                "vtd_iotlb_page_hit IOTLB page hit sid 0x10 iova 0x2100c slpte 0x83 domain 0x1")).contains("N8");
        assertThat(id(QemuJudge.Kind.OUTCOME, dmaWrite, "translated 0x2e00fff mask 0x1fffff (translation traced;"
                + " marker found at the target)", "dma fault WRITE_NOT_PERMITTED(5h)",
                "vtd_iotlb_page_hit IOTLB page hit sid 0x10 iova 0xfff slpte 0x2e00083 domain 0x1")).contains("N8");
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x34, 4), "value 0x2", "value 0x12",
                "vtd_inv_qi_head read head 4", "vtd_inv_desc invalidate desc type iec high 0x0 low 0x204"))
                .contains("N9");
    }

    /** The scalable-mode entries met outside ScalableModeConformanceTest (by the model's own scenarios). */
    @Test
    void scalableModeQueueDivergencesAreNamed() {
        QemuVersion ten = QemuVersion.parse("10.0");
        Operation tail = new Operation.WriteRegister(0x88, 8, 0x10);
        Operation fsts = new Operation.ReadRegister(0x34, 4);
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, tail, "written [status mem[0x81000] = 0x44]", "written",
                "vtd_inv_qi_head read head 0", "vtd_inv_desc invalidate desc type wait high 0x81000 low 0x4400000025",
                "vtd_inv_desc_wait_sw wait invalidate status write addr 0x81000 data 0x44")).contains("D26");
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, tail, "written [status mem[0x81000] = 0x44]", "written",
                "vtd_inv_desc invalidate desc type wait high 0x81000 low 0x4400000225")).isEmpty();
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, fsts, "value 0x2 (QEMU latched scalable-mode tables)", "value 0x12",
                "vtd_inv_qi_head read head 4",
                "vtd_inv_desc invalidate desc type context-cache high 0x0 low 0x1000000031",
                "vtd_inv_desc_cc_devices context invalidate devices sid 0x10 fmask 0x0")).contains("D26-iqe");
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, fsts, "value 0x0", "value 0x10", "vtd_inv_qi_head read head 0",
                "vtd_inv_desc invalidate desc type p-iotlb high 0xfffffffffffff07f low 0x500090026")).contains("D27");
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, fsts, "value 0x0", "value 0x10", "vtd_inv_qi_fetch ",
                "vtd_inv_qi_head read head 0")).contains("D27");
        assertThat(id(QemuJudge.Kind.OUTCOME, fsts, "value 0x0", "value 0x10",
                "qemu-system-x86_64: vtd_handle_iqt_write: RSV bit is set: val=0x10")).contains("S13");
        assertThat(id(ten, QemuJudge.Kind.OUTCOME, new Operation.WriteRegister(0x88, 8, 0x70), "written",
                "written [interrupt addr 0xfee00000 data 0x4f]", "vtd_inv_qi_head read head 6",
                "vtd_inv_desc invalidate desc type device high 0xfee55000 low 0x1000000003")).contains("N5");
    }

    @Test
    void otherDivergencesStayNew() {
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.DmaRequest(EDU, 0x1000, Access.READ),
                "translated 0x2000 mask 0xfff", "translated 0x3000 mask 0xfff")).isEmpty();
        assertThat(id(QemuJudge.Kind.QEMU_DIED, new Operation.WriteRegister(0x18, 4, 0), "QEMU died: ... SIGSEGV",
                "done", "Segmentation fault")).isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x34, 4), "value 0x10", "value 0x0"))
                .isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x34, 4), "value 0x2", "value 0x12",
                "vtd_inv_desc invalidate desc type iec high 0x0 low 0x4")).isEmpty();
    }

    /**
     * D2, D9, N6, N7 and N10 became ambiguities A1-A4 and A6 (docs/ambiguities.md): the model admits QEMU's
     * reading.
     */
    @Test
    void formerDivergencesThatAreAmbiguitiesAreNoLongerListed() {
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.DmaRequest(EDU, 0x10000, Access.WRITE),
                "dma fault WRITE_NOT_PERMITTED(5h) [FRCD...]", "dma fault PAGING_ENTRY_RESERVED(ch) [FRCD...]"))
                .isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x2c, 4), "value 0xa8000000",
                "value 0x20000000")).isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x90, 8), "value 0x101000",
                "value 0x8000000000000000")).isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0xac, 4), "value 0x0", "value 0x1"))
                .isEmpty();
        assertThat(id(QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0x3c, 4), "value 0x7976",
                "value 0xba227976")).isEmpty();
    }

    @Test
    void aDivergenceIsKnownOnlyForTheVersionsOfItsRange() {
        Operation irq = new Operation.InterruptRequest(EDU, 0xFEE00058L, 4);
        String[] d19 = {"interrupt fault (interrupt dropped, no fault recorded (reason not shown))",
                "interrupt fault [FRCD[0] 00:02.0 IR_ENTRY_NOT_PRESENT(22h) info 0x3000000000000 WRITE]"};
        assertThat(id(QemuVersion.parse("7.2.0"), QemuJudge.Kind.OUTCOME, irq, d19[0], d19[1])).contains("D19");
        assertThat(id(QemuVersion.parse("9.2.4"), QemuJudge.Kind.OUTCOME, irq, d19[0], d19[1])).contains("D19");
        assertThat(id(QemuVersion.parse("10.0.13"), QemuJudge.Kind.OUTCOME, irq, d19[0], d19[1])).isEmpty();
        assertThat(id(QemuVersion.parse("10.0.13"), QemuJudge.Kind.OUTCOME, new Operation.ReadRegister(0xf0, 8),
                "value 0x0", "value 0x5003")).contains("D22-IVA");
        assertThat(known.entry("D19").orElseThrow().range()).isEqualTo("7.2..10.0");
        assertThat(known.entry("N4").orElseThrow().range()).isEqualTo("7.2..");
    }

    @Test
    void malformedLinesAreRefused() {
        assertThatThrownBy(() -> KnownDivergences.parse("X1")).hasMessageContaining("needs an id, a version range");
        assertThatThrownBy(() -> KnownDivergences.parse("X1 7.2.. kind=OUTCOME"))
                .hasMessageContaining("no field=/regex/");
        assertThatThrownBy(() -> KnownDivergences.parse("X1 7.2 kind=/OUTCOME/"))
                .hasMessageContaining("version range must read");
        assertThatThrownBy(() -> KnownDivergences.parse("X1 10.0..7.2 kind=/OUTCOME/"))
                .hasMessageContaining("empty version range");
        assertThat(KnownDivergences.parse("# comment\n\nX1 7.2.. kind=/OUTCOME/ observed=/a b/").entries())
                .extracting(KnownDivergences.Entry::id).containsExactly("X1");
    }
}
