package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.DEVICE;
import static io.vtdoracle.vectors.Fixtures.DID;
import static io.vtdoracle.vectors.Fixtures.dma;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.Registers;
import java.util.List;

/** Root and context entries: every root and context fault, fault processing disable, domain switch. */
final class RootContextVectors {

    private static final Chapter ROOT_CONTEXT = Chapter.ROOT_CONTEXT;

    private RootContextVectors() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                dma("root-entry-not-present-1h", ROOT_CONTEXT, "a bus without a present root entry is 1h", (s, d) ->
                        s.dma(SourceId.of(1, 0, 0), 0x2000, Access.READ)),
                dma("root-entry-reserved-ah", ROOT_CONTEXT, "a reserved bit in the root entry's high half is Ah",
                        (s, d) -> {
                            s.driver().writeWord(s.driver().rootTableAddress() + 8, 1);
                            s.dma(DEVICE, 0x2000, Access.WRITE);
                        }),
                dma("root-table-access-error-8h", ROOT_CONTEXT, "a root table beyond guest memory is 8h", (s, d) -> {
                    s.setup(new io.vtdoracle.api.Operation.WriteRegister(Registers.RTADDR, 8, 0x1_0000_0000L));
                    s.setup(new io.vtdoracle.api.Operation.WriteRegister(Registers.GCMD, 4,
                            (Registers.TE | Registers.SRTP) & 0xFFFF_FFFFL));
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("context-table-access-error-9h", ROOT_CONTEXT, "a context table beyond guest memory is 9h",
                        (s, d) -> {
                            s.driver().writeWord(s.driver().rootTableAddress(),
                                    Encoding.rootEntryLow(0x1_0000_0000L, true));
                            s.dma(DEVICE, 0x2000, Access.READ);
                        }),
                dma("context-entry-not-present-2h", ROOT_CONTEXT, "a context entry not present is 2h", (s, d) -> {
                    context(s, 0, 0);
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("context-entry-other-devfn-2h", ROOT_CONTEXT, "another function on the same bus is 2h",
                        (s, d) -> s.dma(SourceId.of(0, 3, 1), 0x2000, Access.WRITE)),
                dma("context-entry-reserved-bh", ROOT_CONTEXT, "a reserved bit (4) in the context entry is Bh",
                        (s, d) -> {
                            context(s, d.table() | 1 | 1 << 4, Encoding.contextEntryHigh(1, DID));
                            s.dma(DEVICE, 0x2000, Access.READ);
                        }),
                dma("context-address-width-3h", ROOT_CONTEXT, "an AW that SAGAW lacks is 3h", (s, d) -> {
                    context(s, d.table() | 1, Encoding.contextEntryHigh(2, DID));
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("context-translation-type-3h", ROOT_CONTEXT, "the reserved translation type 3 is 3h", (s, d) -> {
                    context(s, d.table() | 1 | 3 << 2, Encoding.contextEntryHigh(1, DID));
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("context-table-pointer-unreadable-3h", ROOT_CONTEXT, "SLPTPTR beyond guest memory is 3h",
                        (s, d) -> {
                            context(s, 0x1_0000_0000L | 1, Encoding.contextEntryHigh(1, DID));
                            s.dma(DEVICE, 0x2000, Access.READ);
                        }),
                dma("fault-processing-disable", ROOT_CONTEXT,
                        "FPD suppresses the records of qualified faults, not of context faults", (s, d) -> {
                            context(s, d.table() | 1 | 2, Encoding.contextEntryHigh(1, DID));
                            s.dma(DEVICE, 0x2000, Access.READ);
                            context(s, d.table() | 1 | 2 | 1 << 4, Encoding.contextEntryHigh(1, DID));
                            s.dma(DEVICE, 0x2000, Access.READ);
                        }),
                dma("device-tlb-context-translates", ROOT_CONTEXT,
                        "TT=1 without ECAP.DT is 3h; a DMA of an attached device translates", (s, d) -> {
                            context(s, d.table() | 1 | 1 << 2, Encoding.contextEntryHigh(1, DID));
                            s.dma(DEVICE, 0x2000, Access.READ);
                        }),
                dma("domain-switch", ROOT_CONTEXT, "moving a device to another domain, with the invalidations",
                        (s, d) -> {
                            Fixtures.map(s, d, 0x8000, 0x1_1000, io.vtdoracle.guest.PageSize.SIZE_4K,
                                    io.vtdoracle.api.Permission.READ);
                            s.dma(DEVICE, 0x8010, Access.READ);
                            Domain other = s.driver().createDomain(DID + 1);
                            s.driver().map(other, 0x8000, 0x2_2000, io.vtdoracle.guest.PageSize.SIZE_4K,
                                    io.vtdoracle.api.Permission.READ_WRITE);
                            s.driver().attach(DEVICE, other);
                            s.driver().invalidateContextDevice(InvalidationPath.REGISTER, DID, DEVICE);
                            s.driver().invalidateIotlbDomain(InvalidationPath.REGISTER, DID);
                            s.dma(DEVICE, 0x8010, Access.WRITE);
                        }));
    }

    /** Replaces DEVICE's context entry and invalidates the context cache and the IOTLB. */
    private static void context(Script s, long low, long high) {
        s.driver().writeContext(DEVICE, low, high);
        s.driver().invalidateContextGlobal(InvalidationPath.REGISTER);
        s.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        s.settle();
    }
}
