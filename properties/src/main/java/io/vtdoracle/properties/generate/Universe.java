package io.vtdoracle.properties.generate;

import io.vtdoracle.api.SourceId;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixed sets generators draw from, so that a choice means the same thing in every state (stable encodings
 * shrink well): devices on several buses, domain ids, and IOVAs and targets where VT-d gets interesting.
 */
public final class Universe {

    /** Six devices on four buses; two functions share bus 1, two devices share bus 0. */
    public static final List<SourceId> SOURCES = List.of(SourceId.of(0, 2, 0), SourceId.of(0, 3, 0),
            SourceId.of(1, 0, 0), SourceId.of(1, 0, 1), SourceId.of(2, 0, 0), SourceId.of(3, 0x1F, 7));

    /**
     * Devices at the boundary of a scalable-mode root entry's halves on bus 0 (VT-d §9.2: the lower half, LP/LCTP,
     * serves devfn 0–127, the upper, UP/UCTP, devfn 128–255), lower half first: devfn 127 (00:0F.7), 0 (00:00.0),
     * 128 (00:10.0) and 255 (00:1F.7). Only the half-boundary probe draws them; apart from {@link #SOURCES}, whose
     * choices the committed vectors replay.
     */
    public static final List<SourceId> HALF_BOUNDARY = List.of(SourceId.of(0, 0x0F, 7), SourceId.of(0, 0, 0),
            SourceId.of(0, 0x10, 0), SourceId.of(0, 0x1F, 7));

    /** Every device the guest attaches: {@link #SOURCES}, then {@link #HALF_BOUNDARY}. */
    public static final List<SourceId> DEVICES = Stream.concat(SOURCES.stream(), HALF_BOUNDARY.stream())
            .toList();

    /** The guest's domain ids. */
    public static final List<Integer> DOMAINS = List.of(1, 2, 3);

    /** Domain ids an invalidation may name: the guest's, plus unused ones (a wrong domain). */
    public static final List<Integer> ANY_DOMAIN = List.of(1, 2, 3, 0, 4, 0xFFFF);

    /** 4 KiB IOVAs: zero, 2M and 4G boundaries, around the interrupt window. */
    public static final List<Long> IOVAS_4K = List.of(0L, 0x1000L, 0x1F_F000L, 0x20_0000L, 0x7FFF_F000L,
            0xFEDF_F000L, 0xFEE0_0000L, 0xFEEF_F000L, 0xFEF0_0000L, 0xFFFF_F000L, 0x1_0000_0000L);

    /** 2 MiB IOVAs, including the leaves next to and in the interrupt window. */
    public static final List<Long> IOVAS_2M = List.of(0L, 0x20_0000L, 0x4000_0000L, 0xFEC0_0000L, 0xFEE0_0000L,
            0xFF00_0000L, 0x1_0000_0000L);

    /** 1 GiB IOVAs; 0xC0000000 holds the interrupt window. */
    public static final List<Long> IOVAS_1G = List.of(0L, 0x4000_0000L, 0xC000_0000L, 0x1_0000_0000L);

    /** Interesting DMA addresses that are not leaves of their own. */
    public static final List<Long> ADDRESSES = List.of(0L, 0xFFFL, 0x20_0000L, 0xFEDF_FFFCL, 0xFEE0_0000L,
            0xFEEF_FFFCL, 0xFEF0_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L);

    /** Registers a random register access aims at (plus arbitrary offsets). */
    public static final List<Integer> REGISTER_OFFSETS = List.of(0x00, 0x08, 0x10, 0x18, 0x1C, 0x20, 0x28, 0x34,
            0x38, 0x3C, 0x40, 0x44, 0x80, 0x88, 0x90, 0x9C, 0xA0, 0xA4, 0xA8, 0xAC, 0xB8, 0xF0, 0xF8, 0x220, 0x228,
            0x230, 0x238, 0x290);

    private Universe() {
    }

    /** The devices of one bus. */
    public static List<SourceId> onBus(int bus) {
        return SOURCES.stream().filter(s -> s.bus() == bus).toList();
    }
}
