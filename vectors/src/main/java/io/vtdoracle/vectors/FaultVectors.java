package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.hand;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Registers;
import java.util.List;
import java.util.function.Consumer;

/** Fault recording (§7.2) and the fault event (§7.3), on a unit whose every DMA request faults 1h. */
final class FaultVectors {

    private static final Chapter FAULTS = Chapter.FAULTS;
    private static final long F = 1L << 63;
    private static final int FE_DATA = 0x4041;
    private static final long FE_ADDRESS = 0xFEE0_1000L;

    private FaultVectors() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                faulting("record-and-masked-event", "a fault is recorded, the masked event stays pending", 1, s -> {
                    dma(s, 1, Access.READ);
                    s.read64(Registers.FRCD).read64(Registers.FRCD + 8).read32(Registers.FSTS)
                            .read32(Registers.FECTL);
                }),
                faulting("write-recorded-t-clear", "a write's record has T clear", 1, s -> {
                    dma(s, 1, Access.WRITE);
                    s.read64(Registers.FRCD + 8);
                }),
                faulting("unmask-sends-pending-once", "unmasking sends the pending message once", 1, s -> {
                    dma(s, 1, Access.READ);
                    s.write32(Registers.FECTL, 0).read32(Registers.FECTL).write32(Registers.FECTL, 0);
                }),
                faulting("unmasked-event-at-once", "an unmasked fault event is sent at once", 1, s -> {
                    s.write32(Registers.FEUADDR, 0x12).write32(Registers.FECTL, 0);
                    dma(s, 1, Access.READ);
                    s.read32(Registers.FECTL);
                }),
                faulting("overflow-next-pending", "overflow when the next register is pending; PFO blocks", 1, s -> {
                    s.write32(Registers.FECTL, 0);
                    dma(s, 1, Access.READ);
                    dma(s, 2, Access.READ);
                    s.read32(Registers.FSTS).write64(Registers.FRCD + 8, F);
                    dma(s, 3, Access.READ);
                    s.read32(Registers.FSTS).write32(Registers.FSTS, Registers.PFO).read32(Registers.FSTS);
                    dma(s, 4, Access.READ);
                }),
                faulting("round-robin-fri", "four registers are used round robin, FRI at the first pending", 4, s -> {
                    for (int n = 0; n < 4; n++) {
                        dma(s, n, Access.READ);
                    }
                    s.read32(Registers.FSTS).write64(Registers.FRCD + 8, F);
                    dma(s, 4, Access.READ);
                    dma(s, 5, Access.READ);
                    s.read32(Registers.FSTS);
                    for (int i = 0; i < 4; i++) {
                        s.write64(Registers.frcd(i) + 8, F);
                    }
                    s.write32(Registers.FSTS, Registers.PFO);
                    dma(s, 6, Access.READ);
                    s.read32(Registers.FSTS);
                }),
                faulting("clear-conditions-clears-ip", "clearing every condition clears IP", 1, s -> {
                    dma(s, 1, Access.READ);
                    dma(s, 2, Access.READ);
                    s.write64(Registers.FRCD + 8, F).read32(Registers.FECTL).write32(Registers.FSTS, Registers.PFO)
                            .read32(Registers.FECTL).write32(Registers.FECTL, 0);
                }),
                faulting("record-read-only-but-f", "a record is read-only but for F (RW1C)", 1, s -> {
                    dma(s, 1, Access.READ);
                    s.write64(Registers.FRCD, 0).write64(Registers.FRCD + 8, 0x7FFF_FFFF_FFFF_FFFFL)
                            .read64(Registers.FRCD).read64(Registers.FRCD + 8).write64(Registers.FRCD + 8, -1L)
                            .read64(Registers.FRCD + 8).read32(Registers.FSTS);
                }),
                faulting("queue-error-is-fault-event", "IQE is a fault event condition too", 1, s -> {
                    s.write32(Registers.FECTL, 0);
                    s.driver().enableQueuedInvalidation();
                    s.driver().submit(new long[] {0x6, 0});
                    s.probeAll();
                    s.read32(Registers.FSTS);
                    dma(s, 1, Access.READ);
                    s.write32(Registers.FSTS, Registers.IQE).read32(Registers.FSTS);
                }),
                faulting("repeated-fault-collapsed-or-recorded", "the same fault twice with a free register: the"
                        + " second may be recorded or collapsed (nondeterministic)", 2, s -> {
                    dma(s, 1, Access.READ);
                    dma(s, 1, Access.READ);
                    s.read32(Registers.FSTS).read64(Registers.frcd(1) + 8);
                }));
    }

    /** A unit translating with a root table of zeros: every DMA request faults 1h; FEDATA and FEADDR set. */
    private static Scenario faulting(String name, String title, int registers, Consumer<Script> body) {
        return hand(name, FAULTS, title, Capabilities.DEFAULT.withFaultRecordingRegisters(registers), s -> {
            s.driver().setRootTable();
            s.driver().enableTranslation();
            s.settle();
            s.setup(new Operation.WriteRegister(Registers.FEDATA, 4, FE_DATA));
            s.setup(new Operation.WriteRegister(Registers.FEADDR, 4, FE_ADDRESS));
            body.accept(s);
        });
    }

    private static void dma(Script s, int n, Access access) {
        s.dma(new SourceId(0x100 + n), 0x1234_5678L + n, access);
    }
}
