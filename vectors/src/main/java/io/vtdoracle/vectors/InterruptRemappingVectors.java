package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.hand;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.Registers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Interrupt remapping (§5.1, §9.10): xAPIC and x2APIC messages, every check 20h-26h, FPD, compatibility format. */
final class InterruptRemappingVectors {

    private static final Chapter IR = Chapter.INTERRUPT_REMAPPING;
    private static final SourceId DEVICE = SourceId.of(2, 4, 1);
    private static final Capabilities X2APIC = Capabilities.DEFAULT.withExtendedInterruptMode(true);

    private InterruptRemappingVectors() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>(List.of(
                hand("without-remapping-unchanged", IR, "IRE=0: an interrupt request passes unchanged", s ->
                        s.irq(DEVICE, 0xFEE0_1013L, 0x1234_5678)),
                remapping("xapic-message", "remapped to an xAPIC message; level-triggered", false, s -> {
                    s.driver().writeIrte(3, Encoding.irteLow(true, false, true, true, false, 1, 0x41,
                            Encoding.xapicDestination(0x12)), 0);
                    request(s, 3, false, 0xFFFF_FFFF);
                    s.driver().writeIrte(4, Encoding.irteLow(true, false, false, false, true, 0, 0x42,
                            Encoding.xapicDestination(1)), 0);
                    request(s, 4, false, 0);
                }),
                remapping("x2apic-message", "remapped with the extended destination (EIM)", true, s -> {
                    s.driver().writeIrte(5, irte(0x30, 0x1234_5678), 0);
                    request(s, 5, false, 0);
                }),
                remapping("subhandle", "SHV: the data's subhandle is added to the handle", false, s -> {
                    s.driver().writeIrte(9, irte(0x51, Encoding.xapicDestination(2)), 0);
                    request(s, 4, true, 5);
                    request(s, 4, false, 5);
                }),
                remapping("request-reserved-20h", "reserved request bits (data 31:16 with SHV) are 20h", false, s -> {
                    s.driver().writeIrte(3, irte(0x41, 0), 0);
                    request(s, 3, true, 0x1_0000);
                }),
                remapping("index-beyond-table-21h", "an index beyond the table is 21h, handle bit 15 included", false,
                        s -> {
                            request(s, 256, false, 0);
                            request(s, 0x8000, false, 0);
                            request(s, 200, true, 56);
                        }),
                remapping("entry-not-present-22h", "a not-present IRTE is 22h", false, s -> request(s, 7, false, 0)),
                hand("table-access-error-23h", IR, "an IRTE beyond guest memory is 23h", s -> {
                    s.write64(Registers.IRTA, 0x7FFF_F000L | 15).write32(Registers.GCMD, Registers.SIRTP)
                            .write32(Registers.GCMD, Registers.IRE);
                    request(s, 0x1000, false, 0);
                }),
                remapping("entry-reserved-24h", "reserved IRTE bits are 24h; AVAIL is not reserved", false, s -> {
                    long good = irte(0x41, Encoding.xapicDestination(3));
                    int index = 1;
                    for (long bit : new long[] {1L << 12, 1L << 15, 1L << 24, 1L << 32, 1L << 48}) {
                        s.driver().writeIrte(index, good | bit, 0);
                        request(s, index++, false, 0);
                    }
                    s.driver().writeIrte(index, good, 1L << 20);
                    request(s, index++, false, 0);
                    s.driver().writeIrte(index, good | 0xF00, 0);
                    request(s, index, false, 0);
                }),
                remapping("fault-processing-disable", "FPD suppresses entry faults only", false, s -> {
                    long fpd = Encoding.irteLow(false, true, false, false, false, 0, 0x41, 0);
                    s.driver().writeIrte(1, fpd, 0);
                    request(s, 1, false, 0);
                    s.driver().writeIrte(2, fpd | 1 | 1L << 12, 0);
                    request(s, 2, false, 0);
                    s.driver().writeIrte(3, fpd | 1, Encoding.irteHigh(0, 0, Encoding.SVT_REQUESTER_ID));
                    request(s, 3, false, 0);
                    s.driver().writeIrte(4, fpd | 1, 0);
                    request(s, 4, true, 0x1_0000);
                }),
                remapping("compatibility-blocked-25h", "a compatibility-format request with CFIS=0 is 25h", false,
                        s -> s.irq(DEVICE, 0xFEE0_1000L, 0x31)),
                remapping("compatibility-allowed", "with CFIS=1 it passes; GSTS.CFIS reads 1",
                        false, s -> {
                            s.driver().enableCompatibilityFormat(true);
                            s.irq(DEVICE, 0xFEE0_1000L, 0x31);
                            s.read32(Registers.GSTS);
                        }),
                remapping("compatibility-blocked-with-eim", "with EIME=1 compatibility format is blocked (25h)", true,
                        s -> {
                            s.driver().enableCompatibilityFormat(true);
                            s.irq(DEVICE, 0xFEE0_1000L, 0x31);
                        }),
                remapping("dma-write-to-window-is-interrupt", "a DMA write to the window is an interrupt with data 0",
                        false, s -> {
                            s.driver().writeIrte(6, irte(0x66, Encoding.xapicDestination(1)), 0);
                            s.dma(DEVICE, Encoding.remappableAddress(6, false), Access.WRITE);
                        })));
        int sid = DEVICE.value();
        long[][] sourceCases = {
                {Encoding.irteHigh(0x9999, 0, Encoding.SVT_NONE)},
                {Encoding.irteHigh(sid, 0, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 1, 0, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 4, 1, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 1, 1, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 6, 2, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 7, 3, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid ^ 8, 3, Encoding.SVT_REQUESTER_ID)},
                {Encoding.irteHigh(sid, 0, 3)}};
        scenarios.add(remapping("source-id-requester-26h", "SVT 1 with SQ 0-3; SVT 3 is reserved (26h)", false,
                s -> {
                    for (int i = 0; i < sourceCases.length; i++) {
                        s.driver().writeIrte(i + 1, irte(0x41, Encoding.xapicDestination(3)), sourceCases[i][0]);
                        request(s, i + 1, false, 0);
                    }
                }));
        long[] busRanges = {0x0103, 0x0202, 0x0301, 0x0001};
        scenarios.add(remapping("source-id-bus-range-26h",
                "SVT 2: start bus in SID 15:8, end bus in 7:0", false, s -> {
                    for (int i = 0; i < busRanges.length; i++) {
                        s.driver().writeIrte(i + 1, irte(0x41, Encoding.xapicDestination(3)),
                                Encoding.irteHigh((int) busRanges[i], 0, Encoding.SVT_BUS_RANGE));
                        request(s, i + 1, false, 0);
                    }
                }));
        return scenarios;
    }

    /** Interrupt remapping enabled with a 256-entry table, xAPIC or x2APIC (EIM). */
    private static Scenario remapping(String name, String title, boolean extended, Consumer<Script> body) {
        return hand(name, IR, title, extended ? X2APIC : Capabilities.DEFAULT, s -> {
            s.driver().enableInterruptRemapping(7, extended);
            s.settle();
            body.accept(s);
        });
    }

    private static long irte(int vector, int destination) {
        return Encoding.irteLow(true, false, false, false, false, 0, vector, destination);
    }

    private static void request(Script s, int handle, boolean subhandleValid, int data) {
        s.probe(new Operation.InterruptRequest(DEVICE, Encoding.remappableAddress(handle, subhandleValid), data));
    }
}
