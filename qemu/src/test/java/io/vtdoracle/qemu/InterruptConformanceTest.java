package io.vtdoracle.qemu;

import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.guest.Encoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Interrupt remapping of edu's MSIs, observed through QEMU's vtd_ir_remap_msi trace. */
class InterruptConformanceTest {

    @BeforeEach
    void qemu() {
        Scenario.assumeQemu();
    }

    static Operation msi(long address, int data) {
        return new Operation.InterruptRequest(QemuUnit.EDU, address, data);
    }

    @Test
    void withoutRemappingAnMsiPassesUnchanged() {
        QemuJudge.Report report = new Scenario().add(msi(0xFEE01004L, 0x4031)).agrees();
        assertThat(report.steps().get(0).observation().outcome().result())
                .isEqualTo(new Result.InterruptForwarded(new MsiMessage(0xFEE01004L, 0x4031)));
    }

    @Test
    void remappableMsisAreRemappedThroughTheirIrte() {
        Scenario scenario = new Scenario();
        scenario.guest.enableInterruptRemapping(7, false);
        // level-triggered: QEMU sets the level bit for edge-triggered messages too (N1, KnownDivergencesTest)
        scenario.guest.writeIrte(5, Encoding.irteLow(true, false, false, false, true, 0, 0x42,
                Encoding.xapicDestination(1)), Encoding.irteHigh(QemuUnit.EDU.value(), 0, Encoding.SVT_REQUESTER_ID));
        scenario.guest.writeIrte(9, Encoding.irteLow(true, false, true, true, true, 1, 0x51,
                Encoding.xapicDestination(3)), Encoding.irteHigh(0, 0, Encoding.SVT_NONE));
        scenario.drain();
        QemuJudge.Report report = scenario.add(msi(Encoding.remappableAddress(5, false), 0))
                .add(msi(Encoding.remappableAddress(4, true), 5))
                .add(msi(Encoding.remappableAddress(9, false), 0)).agrees();
        int n = report.steps().size();
        assertThat(report.steps().get(n - 3).observation().outcome().result())
                .isEqualTo(new Result.InterruptForwarded(new MsiMessage(0xFEE01000L, 0xC042)));
    }
}
