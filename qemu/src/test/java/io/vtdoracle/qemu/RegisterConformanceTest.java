package io.vtdoracle.qemu;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reset values, CAP/ECAP, and what the adapter refuses. */
class RegisterConformanceTest {

    @BeforeEach
    void qemu() {
        Scenario.assumeQemu();
    }

    @Test
    void resetValuesOfEveryRegisterAgree() {
        Scenario scenario = new Scenario();
        for (int offset = 0; offset < 0x230; offset += 4) {
            scenario.read(offset, 4);
        }
        for (int offset = 0; offset < 0x230; offset += 8) {
            scenario.read(offset, 8);
        }
        QemuJudge.Report report = scenario.agrees();
        assertThat(report.steps().get(2).observation().outcome().result().toString())
                .isEqualTo("value 0x22260286"); // CAP low dword: caching mode, SAGAW 39-bit, MGAW 38, FRO
        assertThat(report.steps().get(0x230 / 4 + 1).observation().outcome().result().toString())
                .isEqualTo("value 0xd2008c22260286");
        assertThat(report.steps().get(0x230 / 4 + 2).observation().outcome().result().toString())
                .isEqualTo("value 0xf00f4a");
    }

    @Test
    void memoryReadsAndWritesAgree() {
        new Scenario()
                .add(new Operation.WriteMemory(0x123458, 0x1122334455667788L))
                .readMemory(0x123458).readMemory(0x12345c).readMemory(0x200000)
                .add(new Operation.WriteMemory(0x1000_0000L, 5)).readMemory(0x1000_0000L)
                .agrees();
    }

    @Test
    void otherCapabilitiesAreRefusedByName() {
        assertThatThrownBy(() -> new QemuUnit(Capabilities.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guestMemoryBytes");
        assertThatThrownBy(() -> new QemuUnit(QemuUnit.CAPABILITIES.withAddressWidth(48)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addressWidth 48");
    }

    @Test
    void unobservableOperationsAreRefused() {
        try (QemuUnit unit = new QemuUnit(QemuUnit.CAPABILITIES)) {
            assertThatThrownBy(() -> unit.apply(new Operation.DmaRequest(
                    io.vtdoracle.api.SourceId.of(0, 5, 0), 0x1000, io.vtdoracle.api.Access.READ)))
                    .isInstanceOf(UnobservableOperationException.class);
            assertThatThrownBy(() -> unit.apply(new Operation.DmaRequest(QemuUnit.EDU, 0x1000_0000L,
                    io.vtdoracle.api.Access.READ))).isInstanceOf(UnobservableOperationException.class);
            assertThatThrownBy(() -> unit.apply(new Operation.Replay(new io.vtdoracle.api.ListenerId(1))))
                    .isInstanceOf(UnobservableOperationException.class);
            assertThat(unit.apply(new Operation.ReadRegister(Registers.VER, 4)).result().toString())
                    .isEqualTo("value 0x10");
        }
    }
}
