package io.vtdoracle.model.dma;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.registers.RegisterFile;

/**
 * Model states for DMA-remapping tests built directly (memory words and latched registers), with a fixed layout:
 * root table at {@link #ROOT}, the context table of bus b at {@code CONTEXT + b·0x1000}, and second-level tables
 * at the addresses a test chooses (conventionally {@link #TOP}, {@link #MIDDLE}, {@link #BOTTOM}, {@link #L4}).
 */
public final class Translations {

    public static final long ROOT = 0x1000;
    public static final long CONTEXT = 0x10000;
    public static final long TOP = 0x100000;
    public static final long MIDDLE = 0x101000;
    public static final long BOTTOM = 0x102000;
    public static final long L4 = 0x103000;
    public static final int R = 1;
    public static final int W = 2;
    public static final int RW = 3;
    public static final long PS = 1 << 7;

    private Translations() {
    }

    /** A unit with these capabilities, the root table latched at {@link #ROOT} and translation enabled. */
    public static UnitState translating(Capabilities capabilities) {
        UnitState state = ReferenceModel.powerOn(capabilities);
        RegisterFile registers = state.registers().withRootTableAddress(ROOT).withStatus(RegisterFile.TES, true);
        return state.withRegisters(registers);
    }

    /** {@code state} with the memory word at {@code address} set. */
    public static UnitState write(UnitState state, long address, long value) {
        return state.withMemory(state.memory().write(address, value).get());
    }

    /** A present root entry for {@code source}'s bus and the given context entry for its devfn. */
    public static UnitState device(UnitState state, SourceId source, long low, long high) {
        long contextTable = CONTEXT + source.bus() * 0x1000L;
        UnitState withRoot = write(state, ROOT + source.bus() * 16L, contextTable | 1);
        return write(write(withRoot, contextTable + source.devfn() * 16L, low), contextTable + source.devfn() * 16L + 8,
                high);
    }

    /** A present context entry translating through the table at {@code top} with width {@code aw} in domain did. */
    public static UnitState translated(UnitState state, SourceId source, long top, int aw, int did) {
        return device(state, source, top | 1, (long) did << 8 | aw);
    }

    /** A 3-level (39-bit) device in domain {@code did} mapping 4 KiB page {@code iova} (below 2 MiB) to output. */
    public static UnitState mapped(UnitState state, SourceId source, int did, long iova, long output, int rights) {
        UnitState withDevice = translated(state, source, TOP, 1, did);
        return map4k(withDevice, iova, output, rights);
    }

    /** TOP → MIDDLE → BOTTOM → output for {@code iova} (3 levels: iova below 2 MiB keeps one table per level). */
    public static UnitState map4k(UnitState state, long iova, long output, int rights) {
        UnitState s = write(state, TOP + index(iova, 3) * 8, MIDDLE | RW);
        s = write(s, MIDDLE + index(iova, 2) * 8, BOTTOM | RW);
        return write(s, BOTTOM + index(iova, 1) * 8, output | rights);
    }

    /** The table index of {@code iova} at {@code level}. */
    public static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }
}
