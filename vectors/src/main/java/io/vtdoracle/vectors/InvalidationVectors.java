package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.DEVICE;
import static io.vtdoracle.vectors.Fixtures.DID;
import static io.vtdoracle.vectors.Fixtures.dma;
import static io.vtdoracle.vectors.Fixtures.hand;
import static io.vtdoracle.vectors.Fixtures.map;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Caches and invalidation (§6): what a stale cache may still show, the register commands of every granularity,
 * every queued descriptor type, malformed descriptors, and invalidation wait.
 */
final class InvalidationVectors {

    private static final Chapter INVALIDATION = Chapter.INVALIDATION;
    private static final SourceId QUEUED_DEVICE = new SourceId(0x0208);

    private InvalidationVectors() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>(List.of(
                dma("stale-iotlb-until-page-invalidation", INVALIDATION,
                        "an unmapped page may still translate until its page-selective invalidation", (s, d) -> {
                            map(s, d, 0x3000, 0x6000_0000L, PageSize.SIZE_4K, Permission.READ);
                            s.dma(DEVICE, 0x3000, Access.READ);
                            s.driver().unmap(d, 0x3000, PageSize.SIZE_4K);
                            s.dma(DEVICE, 0x3000, Access.READ);
                            s.driver().invalidateIotlbPage(InvalidationPath.REGISTER, DID, 0x3000, 0, false);
                            s.dma(DEVICE, 0x3000, Access.READ);
                        }),
                dma("stale-context-until-context-invalidation", INVALIDATION,
                        "a detached device may still translate until the context-cache invalidation", (s, d) -> {
                            map(s, d, 0x3000, 0x6000_0000L, PageSize.SIZE_4K, Permission.READ);
                            s.dma(DEVICE, 0x3000, Access.READ);
                            s.driver().detach(DEVICE);
                            s.dma(DEVICE, 0x3000, Access.READ);
                            s.driver().invalidateContextDevice(InvalidationPath.REGISTER, DID, DEVICE);
                            s.driver().invalidateIotlbDomain(InvalidationPath.REGISTER, DID);
                            s.dma(DEVICE, 0x3000, Access.READ);
                        }),
                dma("queued-iotlb-page-invalidation", INVALIDATION,
                        "the queued page-selective invalidation with a wait ends the stale translation", (s, d) -> {
                            s.driver().enableQueuedInvalidation();
                            s.driver().map(d, 0x5000, 0x7000_0000L, PageSize.SIZE_4K, Permission.READ_WRITE);
                            s.driver().invalidateIotlbDomain(InvalidationPath.QUEUE, DID);
                            s.dma(DEVICE, 0x5000, Access.WRITE);
                            s.driver().unmap(d, 0x5000, PageSize.SIZE_4K);
                            s.driver().invalidateIotlbPage(InvalidationPath.QUEUE, DID, 0x5000, 0, false);
                            s.dma(DEVICE, 0x5000, Access.WRITE);
                        })));
        for (int granularity = 0; granularity < 4; granularity++) {
            int g = granularity;
            scenarios.add(hand("register-context-granularity-" + g, INVALIDATION,
                    "CCMD with CIRG " + g + " reports its actual granularity", s -> {
                        long command = Encoding.ccmd(g, 0x42, DEVICE, 2);
                        s.write64(Registers.CCMD, command).read64(Registers.CCMD);
                    }));
            scenarios.add(hand("register-iotlb-granularity-" + g, INVALIDATION,
                    "IOTLB_REG with IIRG " + g + " reports its actual granularity", s -> {
                        s.write64(Registers.IVA, Encoding.iva(0x1234_5000L, 18, true));
                        s.write64(Registers.IOTLB, Encoding.iotlbCommand(g, 0x42)).read64(Registers.IOTLB);
                    }));
        }
        scenarios.addAll(List.of(
                hand("register-page-above-mamv", INVALIDATION, "a page-selective command with AM above MAMV fails",
                        s -> {
                            s.write64(Registers.IVA, Encoding.iva(0x1234_5000L, 19, false));
                            s.write64(Registers.IOTLB, Encoding.iotlbCommand(3, 1)).read64(Registers.IOTLB);
                        }),
                hand("register-upper-dword-starts", INVALIDATION, "only the upper dword starts a command", s ->
                        s.write32(Registers.CCMD + 4, 0xA000_0000L).read64(Registers.CCMD)
                                .write32(Registers.IOTLB, 0xFFFF_FFFFL).read64(Registers.IOTLB)),
                hand("register-command-while-queued-a4", INVALIDATION,
                        "a register command while queued invalidation is enabled (ambiguity A4)", s -> {
                            s.driver().enableQueuedInvalidation();
                            s.write64(Registers.CCMD, Encoding.ccmd(2, 5, null, 0)).read64(Registers.CCMD);
                            s.write64(Registers.IVA, Encoding.iva(0x5000, 0, false));
                            s.write64(Registers.IOTLB, Encoding.iotlbCommand(3, 5)).read64(Registers.IOTLB);
                        }),
                hand("iqa-written-while-enabled-a2", INVALIDATION,
                        "IQA written while queued invalidation is enabled (ambiguity A2)", s -> {
                            s.driver().enableQueuedInvalidation();
                            s.write64(Registers.IQA, 0x20_0000L).read64(Registers.IQA);
                        })));
        List<long[]> valid = List.of(Encoding.contextGlobal(), Encoding.contextDomain(7),
                Encoding.contextDevice(7, QUEUED_DEVICE, 0), Encoding.contextDevice(7, QUEUED_DEVICE, 3),
                Encoding.iotlbGlobal(), Encoding.iotlbDomain(7), Encoding.iotlbPage(7, 0x1234_5000L, 0, false),
                Encoding.iotlbPage(7, 0x1234_5000L, 18, true), Encoding.interruptEntryCacheGlobal(),
                Encoding.interruptEntryCacheIndex(5, 3), Encoding.invalidationWait(false, false, true, 0, 0),
                new long[] {2 | 3 << 4, 0x1234_5000L});
        List<String> validNames = List.of("context-global", "context-domain", "context-device",
                "context-device-fm3", "iotlb-global", "iotlb-domain", "iotlb-page", "iotlb-page-am18-ih",
                "iec-global", "iec-index", "wait-fence", "iotlb-page-no-drain");
        for (int i = 0; i < valid.size(); i++) {
            long[] descriptor = valid.get(i);
            scenarios.add(queued("descriptor-" + validNames.get(i), "the descriptor is consumed, the wait after"
                    + " it writes its status", Capabilities.DEFAULT, s -> {
                        s.driver().submit(descriptor);
                        s.driver().submit(waitFor(s, 3));
                        s.probeAll();
                        s.read64(Registers.IQH).read32(Registers.FSTS);
                    }));
        }
        scenarios.add(queued("descriptor-device-tlb", "device-TLB descriptors with ECAP.DT",
                Capabilities.DEFAULT.withDeviceTlb(true), s -> {
                    s.driver().submit(Encoding.deviceTlb(QUEUED_DEVICE, 0x1234_5000L, false));
                    s.driver().submit(Encoding.deviceTlb(QUEUED_DEVICE, 0x7FFF_F000L, true));
                    s.probeAll();
                    s.read64(Registers.IQH).read32(Registers.FSTS);
                }));
        List<long[]> malformed = List.of(new long[] {0, 0}, new long[] {6, 0}, new long[] {5 | 1 << 9, 0},
                new long[] {1, 0}, new long[] {1 | 1 << 4, 1}, new long[] {2, 0}, new long[] {2 | 1 << 4, 1 << 7},
                new long[] {2 | 3 << 4, 0x1000 | 19}, new long[] {3, 0}, new long[] {4 | 1 << 5, 0},
                new long[] {5 | 1 << 7, 0}, new long[] {5 | 1 << 5, 0x8000_0000L});
        List<String> malformedNames = List.of("type-0", "type-6", "type-high-bits", "context-granularity-0",
                "context-reserved-high", "iotlb-granularity-0", "iotlb-reserved-high", "iotlb-am-above-mamv",
                "device-tlb-without-dt", "iec-reserved", "wait-reserved", "wait-status-outside-memory");
        for (int i = 0; i < malformed.size(); i++) {
            long[] descriptor = malformed.get(i);
            scenarios.add(queued("malformed-" + malformedNames.get(i), "a malformed descriptor sets IQE and"
                    + " stops the queue at it", Capabilities.DEFAULT, s -> {
                        s.driver().submit(waitFor(s, 1));
                        s.driver().submit(descriptor);
                        s.driver().submit(waitFor(s, 2));
                        s.probeAll();
                        s.read32(Registers.FSTS).read64(Registers.IQH).readMemory(s.driver().statusPage())
                                .read32(Registers.FECTL);
                    }));
        }
        scenarios.addAll(List.of(
                queued("tail-beyond-queue", "a tail beyond the queue is an error", Capabilities.DEFAULT, s ->
                        s.write64(Registers.IQT, 256 << 4).read32(Registers.FSTS).read64(Registers.IQH)),
                queued("head-wraps-around", "the head wraps at the end of the queue", Capabilities.DEFAULT, s -> {
                    for (int i = 0; i < 257; i++) {
                        s.driver().submit(Encoding.interruptEntryCacheGlobal());
                    }
                    s.settle();
                    s.read32(Registers.FSTS).read64(Registers.IQH);
                }),
                queued("wait-status-write", "a wait with SW writes its status data", Capabilities.DEFAULT, s -> {
                    long status = s.driver().statusPage();
                    s.driver().submit(Encoding.invalidationWait(true, false, false, 0xCAFE_F00D, status + 4));
                    s.probeAll();
                    s.readMemory(status).read32(Registers.ICS);
                }),
                queued("wait-interrupt-masked", "a wait with IF sets IWC, the masked event stays pending",
                        Capabilities.DEFAULT, s -> {
                            s.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
                            s.probeAll();
                            s.read32(Registers.ICS).read32(Registers.IECTL).write32(Registers.IECTL, 0)
                                    .read32(Registers.IECTL);
                        }),
                queued("wait-interrupt-once-until-iwc-cleared", "the completion event is sent once until IWC is"
                        + " cleared", Capabilities.DEFAULT, s -> {
                            s.write32(Registers.IECTL, 0);
                            s.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
                            s.probeAll();
                            s.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
                            s.probeAll();
                            s.write32(Registers.ICS, 1).read32(Registers.ICS);
                            s.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
                            s.probeAll();
                        }),
                queued("wait-status-then-interrupt", "SW and IF: the status write, then the interrupt",
                        Capabilities.DEFAULT, s -> {
                            s.write32(Registers.IECTL, 0);
                            s.driver().submit(Encoding.invalidationWait(true, true, true, 5,
                                    s.driver().statusPage()));
                            s.probeAll();
                        }),
                hand("queue-unreadable-descriptor", INVALIDATION, "a descriptor beyond guest memory is IQE", s -> {
                    s.write64(Registers.IQA, 0x8000_0000L).write32(Registers.GCMD, Registers.QIE)
                            .write64(Registers.IQT, 1 << 4).read32(Registers.FSTS).read64(Registers.IQH);
                })));
        return scenarios;
    }

    /** Queued invalidation enabled, IEDATA and IEADDR set. */
    private static Scenario queued(String name, String title, Capabilities capabilities, Consumer<Script> body) {
        return hand(name, INVALIDATION, title, capabilities, s -> {
            s.driver().enableQueuedInvalidation();
            s.settle();
            s.setup(new io.vtdoracle.api.Operation.WriteRegister(Registers.IEDATA, 4, 0x51));
            s.setup(new io.vtdoracle.api.Operation.WriteRegister(Registers.IEADDR, 4, 0xFEE0_2000L));
            body.accept(s);
        });
    }

    private static long[] waitFor(Script s, int data) {
        return Encoding.invalidationWait(true, false, false, data, s.driver().statusPage());
    }
}
