package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.DEVICE;
import static io.vtdoracle.vectors.Fixtures.DID;
import static io.vtdoracle.vectors.Fixtures.dma;
import static io.vtdoracle.vectors.Fixtures.hand;
import static io.vtdoracle.vectors.Fixtures.map;
import static io.vtdoracle.vectors.Fixtures.translating;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import java.util.List;

/** Second-level translation: identity, pass-through, leaves of every size and width, paging faults. */
final class PagingVectors {

    private static final Chapter PAGING = Chapter.PAGING;

    private PagingVectors() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                hand("translation-disabled-identity", PAGING, "TE=0: a DMA request is the identity, RW, 4K",
                        script -> script.dma(DEVICE, 0x1234_5678L, Access.WRITE)),
                dma("pass-through-identity", PAGING, "a pass-through context entry gives the identity", (s, d) -> {
                    s.driver().attachPassThrough(DEVICE, DID);
                    s.driver().invalidateContextGlobal(InvalidationPath.REGISTER);
                    s.dma(DEVICE, 0x7_0000_1234L, Access.READ);
                }),
                dma("leaf-4k-read", PAGING, "a 4K leaf with read permission", (s, d) -> {
                    map(s, d, 0x1000, 0x3000_0000L, PageSize.SIZE_4K, Permission.READ);
                    s.dma(DEVICE, 0x1ABC, Access.READ);
                }),
                dma("superpage-2m-write", PAGING, "a 2M superpage with write permission", (s, d) -> {
                    map(s, d, 0x40_0000, 0x3400_0000L, PageSize.SIZE_2M, Permission.WRITE);
                    s.dma(DEVICE, 0x5F_FFFF, Access.WRITE);
                }),
                dma("superpage-1g-read-write", PAGING, "a 1G superpage, read and write", (s, d) -> {
                    map(s, d, 0x4000_0000L, 0xC000_0000L, PageSize.SIZE_1G, Permission.READ_WRITE);
                    s.dma(DEVICE, 0x7FFF_0000L, Access.READ);
                    s.dma(DEVICE, 0x4000_0008L, Access.WRITE);
                }),
                hand("four-level-48-bit", PAGING, "a 48-bit unit, 4-level tables; beyond 2^48 is 4h",
                        Capabilities.DEFAULT.withAddressWidth(48), s -> {
                            Domain d = translating(s);
                            map(s, d, 0xFF_8000_0000L, 0x5000, PageSize.SIZE_4K, Permission.READ_WRITE);
                            s.dma(DEVICE, 0xFF_8000_0010L, Access.WRITE);
                            s.dma(DEVICE, 1L << 48, Access.WRITE);
                        }),
                hand("three-level-context-on-48-bit", PAGING, "a 3-level context on a 48-bit unit; beyond 2^39 is 4h",
                        Capabilities.DEFAULT.withAddressWidth(48), s -> {
                            s.driver().setRootTable();
                            Domain d = s.driver().createDomain(DID, 3);
                            s.driver().attach(DEVICE, d);
                            s.driver().enableTranslation();
                            s.driver().map(d, 0x7F_C000_0000L, 0x4000_0000L, PageSize.SIZE_1G, Permission.READ);
                            s.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
                            s.dma(DEVICE, 0x7F_C000_0001L, Access.READ);
                            s.dma(DEVICE, 1L << 39, Access.READ);
                        }),
                dma("write-not-permitted-5h", PAGING, "a write to a read-only leaf is 5h", (s, d) -> {
                    map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ);
                    s.dma(DEVICE, 0x2345, Access.WRITE);
                }),
                dma("read-not-permitted-6h", PAGING, "a read of a write-only leaf is 6h", (s, d) -> {
                    map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.WRITE);
                    s.dma(DEVICE, 0x2345, Access.READ);
                }),
                dma("write-after-read-hit-5h", PAGING, "a write to a read-only leaf is 5h also after a read cached"
                        + " its translation", (s, d) -> {
                            map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ);
                            s.dma(DEVICE, 0x2010, Access.READ);
                            s.dma(DEVICE, 0x2020, Access.WRITE);
                        }),
                dma("read-after-write-hit-6h", PAGING, "a read of a write-only leaf is 6h also after a write cached"
                        + " its translation", (s, d) -> {
                            map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.WRITE);
                            s.dma(DEVICE, 0x2010, Access.WRITE);
                            s.dma(DEVICE, 0x2020, Access.READ);
                        }),
                dma("not-mapped-read-6h", PAGING, "a read of an unmapped IOVA is 6h", (s, d) ->
                        s.dma(DEVICE, 0x2345, Access.READ)),
                dma("address-beyond-mgaw-4h", PAGING, "an IOVA at 2^39 on a 39-bit unit is 4h", (s, d) ->
                        s.dma(DEVICE, 1L << 39, Access.READ)),
                dma("paging-entry-access-error-7h", PAGING, "a table pointer beyond guest memory is 7h", (s, d) -> {
                    s.driver().writeWord(d.table(), 0x1_0000_0000L | 3);
                    s.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("paging-entry-reserved-ch", PAGING, "a reserved bit (11) in a leaf is Ch", (s, d) -> {
                    map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ_WRITE);
                    long slot = leafSlot(s, d, 0x2000);
                    s.driver().writeWord(slot, s.driver().readWord(slot) | 1 << 11);
                    s.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
                    s.dma(DEVICE, 0x2000, Access.READ);
                }),
                dma("reserved-and-permission-a1", PAGING,
                        "a leaf lacking the right with a reserved bit: Ch, or 5h/6h (ambiguity A1)", (s, d) -> {
                            map(s, d, 0x2000, 0x9000, PageSize.SIZE_4K, Permission.READ);
                            long slot = leafSlot(s, d, 0x2000);
                            s.driver().writeWord(slot, s.driver().readWord(slot) | 1 << 11);
                            s.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
                            s.dma(DEVICE, 0x2000, Access.WRITE);
                        }),
                dma("superpage-misaligned-ch", PAGING, "a 2M leaf with address bits 20:12 set is Ch", (s, d) -> {
                    map(s, d, 0x20_0000, 0x4000_1000L, PageSize.SIZE_2M, Permission.READ_WRITE);
                    s.dma(DEVICE, 0x20_0000, Access.READ);
                }),
                hand("superpage-without-sllps-ch", PAGING, "a 1G leaf where SLLPS has no superpages is Ch",
                        Capabilities.DEFAULT.withSuperpages(false), s -> {
                            Domain d = translating(s);
                            map(s, d, 0x4000_0000L, 0x4000_0000L, PageSize.SIZE_1G, Permission.READ_WRITE);
                            s.dma(DEVICE, 0x4000_0000L, Access.READ);
                        }),
                dma("translated-into-window-eh", PAGING, "a leaf onto 0xFEE01000 is Eh", (s, d) -> {
                    map(s, d, 0x2000, 0xFEE0_1000L, PageSize.SIZE_4K, Permission.READ_WRITE);
                    s.dma(DEVICE, 0x2000, Access.WRITE);
                }),
                dma("superpage-over-window-outside", PAGING,
                        "a 2M leaf overlapping the window translates where it lands outside it", (s, d) -> {
                            map(s, d, 0x20_0000, 0xFEE0_0000L & ~0x1F_FFFFL, PageSize.SIZE_2M, Permission.READ_WRITE);
                            s.dma(DEVICE, 0x21_0000, Access.READ);
                            s.dma(DEVICE, 0x20_0000 + 0xE_0000, Access.READ);
                        }),
                hand("window-read-blocked", PAGING, "a DMA read of 0xFEEx_xxxx is blocked, untranslated",
                        script -> {
                            translating(script);
                            script.dma(DEVICE, 0xFEE0_0000L, Access.READ);
                            script.dma(DEVICE, 0xFEE0_1000L, Access.WRITE);
                        }),
                dma("remap-after-invalidation", PAGING,
                        "after remapping and the matching invalidation only the new translation", (s, d) -> {
                            map(s, d, 0x3000, 0x6000_0000L, PageSize.SIZE_4K, Permission.READ);
                            s.dma(DEVICE, 0x3000, Access.READ);
                            s.driver().unmap(d, 0x3000, PageSize.SIZE_4K);
                            map(s, d, 0x3000, 0x5555_5000L, PageSize.SIZE_4K, Permission.READ_WRITE);
                            s.dma(DEVICE, 0x3008, Access.WRITE);
                        }));
    }

    /** The address of the 4K leaf slot for {@code iova} in a 3-level domain the driver built. */
    static long leafSlot(Script s, Domain d, long iova) {
        long level3 = s.driver().readWord(d.table() + 8 * ((iova >>> 30) & 0x1FF)) & ~0xFFFL;
        long level2 = s.driver().readWord(level3 + 8 * ((iova >>> 21) & 0x1FF)) & ~0xFFFL;
        return level2 + 8 * ((iova >>> 12) & 0x1FF);
    }
}
