package io.vtdoracle.qemu;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IOTLB and context-cache invalidation, register-based and queued: after a change and its invalidation only the
 * new translation is allowed, so QEMU must show it; wait descriptors write their status.
 */
class InvalidationConformanceTest {

    @BeforeEach
    void qemu() {
        Scenario.assumeQemu();
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void pageSelectiveIotlbInvalidationMakesTheNewLeafVisible(InvalidationPath path) {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        if (path == InvalidationPath.QUEUE) {
            scenario.guest.enableQueuedInvalidation();
        }
        scenario.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.dma(0x10000, Access.WRITE);
        scenario.map(domain, 0x10000, 0x700000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.dma(0x10008, Access.WRITE); // stale or fresh: both allowed
        scenario.guest.invalidateIotlbPage(path, Scenario.DID, 0x10000, 0, false);
        scenario.drain();
        scenario.dma(0x10010, Access.WRITE).dma(0x10018, Access.READ);
        if (path == InvalidationPath.REGISTER) {
            scenario.read(Registers.IOTLB, 8);
        } else {
            scenario.readMemory(scenario.guest.statusPage()).read(Registers.IQH, 8);
        }
        QemuJudge.Report report = scenario.agrees();
        assertThat(report.steps().stream()
                .filter(s -> s.operation().equals(new io.vtdoracle.api.Operation.DmaRequest(QemuUnit.EDU, 0x10010,
                        Access.WRITE)))
                .map(s -> s.observation().outcome().result()).findFirst())
                .contains(new Result.Translated(0x700010, 0xFFF, Permission.READ_WRITE));
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void domainAndGlobalIotlbInvalidation(InvalidationPath path) {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        if (path == InvalidationPath.QUEUE) {
            scenario.guest.enableQueuedInvalidation();
        }
        scenario.map(domain, 0x200000, 0x800000, PageSize.SIZE_2M, Permission.READ_WRITE);
        scenario.dma(0x200000, Access.READ);
        scenario.map(domain, 0x200000, 0xA00000, PageSize.SIZE_2M, Permission.READ);
        scenario.guest.invalidateIotlbDomain(path, Scenario.DID);
        scenario.drain();
        // the write first: a read would cache the read-only translation and the write would then hit D1
        scenario.dma(0x202000, Access.WRITE).readFault().clearFault().dma(0x201000, Access.READ);
        scenario.map(domain, 0x200000, 0xC00000, PageSize.SIZE_2M, Permission.READ_WRITE);
        scenario.guest.invalidateIotlbGlobal(path);
        scenario.drain();
        scenario.dma(0x203000, Access.WRITE).agrees();
    }

    @ParameterizedTest
    @EnumSource(InvalidationPath.class)
    void deviceSelectiveContextInvalidationSwitchesDomains(InvalidationPath path) {
        Scenario scenario = new Scenario();
        Domain first = scenario.translatedEdu();
        if (path == InvalidationPath.QUEUE) {
            scenario.guest.enableQueuedInvalidation();
        }
        scenario.map(first, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.dma(0x10000, Access.READ);
        Domain second = scenario.guest.createDomain(9);
        scenario.map(second, 0x10000, 0x900000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.guest.attach(QemuUnit.EDU, second);
        scenario.guest.invalidateContextDevice(path, Scenario.DID, QemuUnit.EDU);
        scenario.guest.invalidateIotlbDomain(path, Scenario.DID);
        scenario.drain();
        QemuJudge.Report report = scenario.dma(0x10000, Access.WRITE).agrees();
        assertThat(report.steps().get(report.steps().size() - 1).observation().outcome().result())
                .isEqualTo(new Result.Translated(0x900000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void globalContextInvalidationDetachesADevice() {
        Scenario scenario = new Scenario();
        Domain domain = scenario.translatedEdu();
        scenario.map(domain, 0x10000, 0x500000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.dma(0x10000, Access.READ);
        scenario.guest.detach(QemuUnit.EDU);
        scenario.guest.invalidateContextGlobal(InvalidationPath.REGISTER);
        scenario.guest.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        scenario.drain();
        scenario.dma(0x10000, Access.READ).readFault().read(Registers.CCMD, 8).agrees();
    }

    @Test
    void waitDescriptorWritesItsStatusAndTheQueueAdvances() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submitAndWait(io.vtdoracle.guest.Encoding.iotlbGlobal());
        scenario.guest.submit(io.vtdoracle.guest.Encoding.invalidationWait(true, false, false, 0xCAFE,
                scenario.guest.statusPage() + 0x14));
        scenario.drain();
        QemuJudge.Report report = scenario.readMemory(scenario.guest.statusPage())
                .readMemory(scenario.guest.statusPage() + 0x10).read(Registers.IQH, 8).read(Registers.FSTS, 4)
                .agrees();
        long statusWrites = report.steps().stream().flatMap(s -> s.observation().outcome().events().stream())
                .filter(e -> e instanceof Event.StatusWritten).count();
        assertThat(statusWrites).isEqualTo(2);
    }

    @Test
    void invalidDescriptorsSetIqeAndStopTheQueue() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submit(new long[] {2 | 0 << 4, 0}); // IOTLB descriptor with G = 0
        scenario.drain();
        scenario.read(Registers.FSTS, 4).read(Registers.IQH, 8).agrees();
    }

    @Test
    void invalidationCompletionInterruptIsSentWhenUnmasked() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.writeRegister(Registers.IEDATA, 4, 0x31);
        scenario.guest.writeRegister(Registers.IEADDR, 4, 0xFEE00000L);
        scenario.guest.writeRegister(Registers.IECTL, 4, 0);
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submit(io.vtdoracle.guest.Encoding.invalidationWait(false, true, false, 0, 0));
        scenario.drain();
        QemuJudge.Report report = scenario.read(Registers.ICS, 4).read(Registers.IECTL, 4).agrees();
        assertThat(report.steps().stream().flatMap(s -> s.observation().outcome().events().stream())
                .filter(e -> e instanceof Event.InterruptRaised).count()).isEqualTo(1);
    }

    @Test
    void faultEventInterruptIsSentWhenUnmasked() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.writeRegister(Registers.FEDATA, 4, 0x32);
        scenario.guest.writeRegister(Registers.FEADDR, 4, 0xFEE00000L);
        scenario.guest.writeRegister(Registers.FECTL, 4, 0);
        scenario.drain();
        QemuJudge.Report report = scenario.dma(0x40000, Access.READ).read(Registers.FECTL, 4).agrees();
        assertThat(report.steps().stream().flatMap(s -> s.observation().outcome().events().stream())
                .filter(e -> e instanceof Event.InterruptRaised).count()).isEqualTo(1);
    }

    /** D5 (QEMU's pass-through fast path) shows no difference once the guest invalidates the context cache. */
    @Test
    void passThroughThenTranslatedAfterDeviceInvalidation() {
        Scenario scenario = new Scenario();
        scenario.guest.setRootTable();
        scenario.guest.attachPassThrough(QemuUnit.EDU, Scenario.DID);
        scenario.guest.invalidateContextGlobal(InvalidationPath.REGISTER);
        scenario.guest.enableTranslation();
        scenario.drain();
        scenario.dma(0x345000, Access.WRITE).dma(0x345008, Access.READ);
        Domain domain = scenario.guest.createDomain(Scenario.DID);
        scenario.map(domain, 0x345000, 0x600000, PageSize.SIZE_4K, Permission.READ_WRITE);
        scenario.guest.attach(QemuUnit.EDU, domain);
        scenario.guest.invalidateContextDevice(InvalidationPath.REGISTER, Scenario.DID, QemuUnit.EDU);
        scenario.guest.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        scenario.drain();
        QemuJudge.Report report = scenario.dma(0x345010, Access.WRITE).agrees();
        assertThat(report.steps().get(report.steps().size() - 1).observation().outcome().result())
                .isEqualTo(new Result.Translated(0x600010, 0xFFF, Permission.READ_WRITE));
    }

    /** D12 (status address not masked to HAW) is not observable: beyond HAW is beyond memory, IQE either way. */
    @Test
    void statusWriteBeyondMemorySetsIqe() {
        Scenario scenario = new Scenario();
        scenario.translatedEdu();
        scenario.guest.enableQueuedInvalidation();
        scenario.guest.submit(io.vtdoracle.guest.Encoding.invalidationWait(true, false, false, 1, 1L << 40));
        scenario.drain();
        scenario.read(Registers.FSTS, 4).read(Registers.IQH, 8).agrees();
    }
}
