package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reset values, CAP/ECAP, and what the adapter refuses. */
class RegisterConformanceTest {

    @QemuTest
    void resetValuesOfEveryRegisterAgree(QemuSetup qemu) {
        Scenario scenario = new Scenario(qemu);
        for (int offset = 0; offset < 0x230; offset += 4) {
            scenario.read(offset, 4);
        }
        for (int offset = 0; offset < 0x230; offset += 8) {
            scenario.read(offset, 8);
        }
        QemuJudge.Report report = scenario.agrees();
        long cap = value(report, 0x230 / 4 + 1);
        assertThat((cap >>> 16) & 0x3F).as("MGAW").isEqualTo(scenario.capabilities.addressWidth() - 1L);
        assertThat(cap & 1L << 7).as("CM").isEqualTo(scenario.capabilities.cachingMode() ? 1L << 7 : 0);
        assertThat(value(report, 2)).as("CAP's low dword").isEqualTo(cap & 0xFFFF_FFFFL);
        assertThat(value(report, 0x230 / 4 + 2) & 1L << 3).as("ECAP.IR")
                .isEqualTo(scenario.capabilities.interruptRemapping() ? 1L << 3 : 0);
    }

    private static long value(QemuJudge.Report report, int step) {
        return ((io.vtdoracle.api.Result.Value) report.steps().get(step).observation().outcome().result()).value();
    }

    @QemuTest
    void memoryReadsAndWritesAgree(QemuSetup qemu) {
        new Scenario(qemu)
                .add(new Operation.WriteMemory(0x123458, 0x1122334455667788L))
                .readMemory(0x123458).readMemory(0x12345c).readMemory(0x200000)
                .add(new Operation.WriteMemory(0x1000_0000L, 5)).readMemory(0x1000_0000L)
                .agrees();
    }

    @QemuTest
    void capabilitiesComeFromTheDeviceForEveryCoveredOptionSet(QemuSetup qemu) {
        Capabilities narrow = qemu.withOptions("aw-bits=39,caching-mode=off,intremap=off,pt=off,device-iotlb=on")
                .capabilities();
        assertThat(narrow.addressWidth()).isEqualTo(39);
        assertThat(narrow.cachingMode()).isFalse();
        assertThat(narrow.interruptRemapping()).isFalse();
        assertThat(narrow.passThrough()).isFalse();
        assertThat(narrow.deviceTlb()).isTrue();
        QemuSetup wide = qemu.withOptions("aw-bits=48,caching-mode=on,intremap=on,eim=on,x-buggy-eim=on");
        assertThat(wide.capabilities().addressWidth()).isEqualTo(48);
        assertThat(wide.capabilities().extendedInterruptMode()).isTrue();
        new Scenario(wide).read(Registers.CAP, 8).read(Registers.ECAP, 8).agrees();
        new Scenario(qemu.withOptions("aw-bits=39,caching-mode=off,intremap=off,pt=off,device-iotlb=on"))
                .read(Registers.CAP, 8).read(Registers.ECAP, 8).agrees();
    }

    @QemuTest
    void optionSetsTheModelDoesNotCoverAreRefusedByName(QemuSetup qemu) {
        assertThatThrownBy(() -> new QemuUnit(qemu.withOptions("x-scalable-mode=on,x-pasid-mode=on")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECAP.PASID")
                .hasMessageContaining("requests without PASID only");
        assertThatThrownBy(() -> new QemuUnit(qemu.withOptions("snoop-control=on")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECAP.SC");
        assertThatThrownBy(() -> QemuUnit.factory(qemu).create(qemu.capabilities().withCachingMode(
                !qemu.capabilities().cachingMode()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused");
    }

    @QemuTest
    void aResetUnitIsAtPowerOnAgain(QemuSetup qemu) {
        Scenario first = new Scenario(qemu);
        first.translatedEdu();
        first.guest.enableQueuedInvalidation();
        first.add(new Operation.WriteMemory(0x123458, 0x1122334455667788L)).dma(0x1000, Access.READ);
        Scenario again = new Scenario(qemu);
        again.read(Registers.GSTS, 4).read(Registers.FSTS, 4).read(Registers.FRCD + 8, 8).read(Registers.IQA, 8)
                .readMemory(0x123458).readMemory(Scenario.ARENA).dma(0x1000, Access.WRITE).readMemory(0x1000);
        try (QemuUnit unit = new QemuUnit(qemu)) {
            assertThat(QemuJudge.judge(unit, first.operations(), System.nanoTime()).agrees()).isTrue();
            unit.reset();
            QemuJudge.Report report = QemuJudge.judge(unit, again.operations(), System.nanoTime());
            assertThat(report.agrees()).as(report.toString()).isTrue();
        }
    }

    @QemuTest
    void unobservableOperationsAreRefused(QemuSetup qemu) {
        try (QemuUnit unit = new QemuUnit(qemu)) {
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
