package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.hand;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.Registers;
import java.util.List;

/** Registers (§10.4) and the global command (§10.4.4-5): reset values, writable bits, accesses, one-shot bits. */
final class RegisterVectors {

    private static final Chapter REGISTERS = Chapter.REGISTERS;
    private static final int[] OFFSETS = {0x00, 0x04, 0x08, 0x10, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x2C, 0x30, 0x34,
        0x38, 0x3C, 0x40, 0x44, 0x64, 0x80, 0x88, 0x90, 0x9C, 0xA0, 0xA4, 0xA8, 0xAC, 0xB8, 0xF0, 0xF8, 0xFC, 0x100,
        0x21C, 0x220, 0x228, 0x22C};
    private static final int[] WRITABLE = {0x20, 0x28, 0x3C, 0x40, 0x88, 0x90, 0xA4, 0xA8, 0xB8, 0xF0};

    private RegisterVectors() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                hand("reset-values", REGISTERS, "every register's value after power-on, as dwords", s -> {
                    for (int offset : OFFSETS) {
                        s.read32(offset);
                    }
                }),
                hand("capabilities-default", REGISTERS, "CAP and ECAP of QEMU's default intel-iommu", s ->
                        s.read64(Registers.CAP).read64(Registers.ECAP)),
                hand("capabilities-48-bit-4-registers-dt-eim", REGISTERS, "CAP and ECAP follow the knobs",
                        Capabilities.DEFAULT.withAddressWidth(48).withFaultRecordingRegisters(4).withDeviceTlb(true)
                                .withExtendedInterruptMode(true).withCachingMode(false).withSuperpages(false)
                                .withMaxAddressMaskValue(9),
                        s -> s.read64(Registers.CAP).read64(Registers.ECAP).read64(Registers.frcd(3) + 8)),
                hand("writable-bits-read-back", REGISTERS, "all ones written: the writable bits read back", s -> {
                    for (int offset : WRITABLE) {
                        s.write64(offset, -1L).read64(offset);
                    }
                }),
                hand("read-only-ignore-writes", REGISTERS, "VER, CAP, ECAP, GSTS, IQH and ICS ignore writes", s -> {
                    for (int offset : new int[] {Registers.VER, Registers.CAP, Registers.ECAP, Registers.IQH}) {
                        s.write64(offset, -1L).read64(offset);
                    }
                    s.write32(Registers.GSTS, 0xFFFF_FFFFL).read32(Registers.GSTS);
                }),
                hand("bad-accesses-ignored", REGISTERS, "sizes other than 4 and 8, misalignment, outside the block",
                        s -> {
                            long[][] cases = {{0, 2}, {0, 1}, {0, 16}, {4, 8}, {2, 4}, {-4, 4}, {0x230, 4},
                                {0x228, 16}, {0x7FFF_FFFC, 4}};
                            for (long[] c : cases) {
                                s.probe(new Operation.ReadRegister((int) c[0], (int) c[1]));
                                s.probe(new Operation.WriteRegister((int) c[0], (int) c[1], -1L));
                            }
                        }),
                hand("eight-byte-is-two-dwords", REGISTERS, "an 8-byte access equals two 4-byte accesses", s ->
                        s.write64(Registers.IQA, 0x1234_5000L).read32(Registers.IQA).read32(Registers.IQA + 4)
                                .write32(Registers.IQA + 4, 0x7).read64(Registers.IQA)),
                hand("translation-enable-te-tes", REGISTERS, "GCMD.TE is persistent and GSTS.TES follows it", s -> {
                    s.driver().setRootTable();
                    s.settle();
                    s.read32(Registers.GSTS).write32(Registers.GCMD, Registers.TE & 0xFFFF_FFFFL)
                            .read32(Registers.GSTS).write32(Registers.GCMD, 0).read32(Registers.GSTS);
                }),
                hand("root-table-pointer-one-shot", REGISTERS, "SRTP is one-shot and RTPS stays set", s -> {
                    s.write64(Registers.RTADDR, 0x20_0000L).write32(Registers.GCMD, Registers.SRTP)
                            .read32(Registers.GSTS).write32(Registers.GCMD, 0).read32(Registers.GSTS);
                }),
                hand("one-shot-without-persistent-bits", REGISTERS,
                        "a one-shot write without the persistent bits turns them off", s -> {
                            s.driver().setRootTable();
                            s.driver().enableTranslation();
                            s.settle();
                            s.write32(Registers.GCMD, Registers.SRTP).read32(Registers.GSTS);
                        }),
                hand("ir-bits-need-ecap-ir", REGISTERS, "IRE and SIRTP act only with ECAP.IR",
                        Capabilities.DEFAULT.withInterruptRemapping(false), s ->
                                s.write64(Registers.IRTA, 0x30_0000L | 7).write32(Registers.GCMD, Registers.SIRTP)
                                        .write32(Registers.GCMD, Registers.IRE).read32(Registers.GSTS)),
                hand("queued-invalidation-enable", REGISTERS, "QIE sets QIES; disabling with an empty queue resets"
                        + " the head", s -> {
                            s.driver().enableQueuedInvalidation();
                            s.driver().submit(Encoding.interruptEntryCacheGlobal());
                            s.settle();
                            s.read32(Registers.GSTS).read64(Registers.IQH).write32(Registers.GCMD, 0)
                                    .read32(Registers.GSTS).read64(Registers.IQH).read64(Registers.IQT);
                        }),
                hand("feuaddr-without-eim-a3", REGISTERS, "FEUADDR and IEUADDR without EIM (ambiguity A3)", s ->
                        s.write32(Registers.FEUADDR, 0x12).read32(Registers.FEUADDR)
                                .write32(Registers.IEUADDR, 0x34).read32(Registers.IEUADDR)));
    }
}
