package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.registers.RegisterFile;

import java.util.Set;

/**
 * Hand-built unit states for the notifier tests: tables written straight into guest memory, GSTS and the latched
 * root table address set directly. Context tables sit at 0x2000 + bus·0x1000, a domain's tables are allocated
 * from a fixed place per IOVA so that mapping twice reuses them.
 */
final class Units {

    static final long ROOT = 0x1000;
    static final Capabilities CAPABILITIES = Capabilities.DEFAULT.withDeviceTlb(true);

    private Units() {
    }

    /** A unit with the root table latched and translation enabled. */
    static UnitState translating() {
        UnitState state = UnitState.powerOn(CAPABILITIES);
        return state.withRegisters(state.registers().withRootTableAddress(ROOT).withStatus(RegisterFile.TES, true));
    }

    static UnitState translationEnabled(UnitState state, boolean enabled) {
        return state.withRegisters(state.registers().withStatus(RegisterFile.TES, enabled));
    }

    static UnitState write(UnitState state, long address, long value) {
        return state.withMemory(state.memory().write(address, value).get());
    }

    /** Writes the context entry of {@code device} (and the root entry of its bus). */
    static UnitState context(UnitState state, SourceId device, long low, long high) {
        long table = 0x2000 + device.bus() * 0x1000L;
        UnitState withRoot = write(state, ROOT + device.bus() * 16L, table | 1);
        return write(write(withRoot, table + device.devfn() * 16L + 8, high), table + device.devfn() * 16L, low);
    }

    /** A translating 3-level context entry of domain {@code did} over the tables at {@code top}. */
    static UnitState attach(UnitState state, SourceId device, int did, long top) {
        return context(state, device, top | 1, (long) did << 8 | 1);
    }

    /** A pass-through context entry of domain {@code did}. */
    static UnitState passThrough(UnitState state, SourceId device, int did) {
        return context(state, device, 2 << 2 | 1, (long) did << 8 | 1);
    }

    /**
     * Maps {@code iova} to {@code target} with a leaf at {@code level} (1: 4 KiB, 2: 2 MiB, 3: 1 GiB) in the
     * 3-level tables at {@code top}; the tables below {@code top} are at top + 0x1000·(1 + index path).
     */
    static UnitState map(UnitState state, long top, long iova, long target, Permission permission, int level) {
        UnitState result = state;
        long table = top;
        for (int at = 3; at > level; at--) {
            long next = nextTable(top, iova, at);
            result = write(result, table + 8 * index(iova, at), next | 3);
            table = next;
        }
        long bits = (permission.canRead() ? 1 : 0) | (permission.canWrite() ? 2 : 0) | (level > 1 ? 1 << 7 : 0);
        return write(result, table + 8 * index(iova, level), target | bits);
    }

    /** The address of the SL-PTE that maps {@code iova} at {@code level} (tables laid out as {@link #map}). */
    static long entry(long top, long iova, int level) {
        return (level == 3 ? top : nextTable(top, iova, level + 1)) + 8 * index(iova, level);
    }

    private static long nextTable(long top, long iova, int level) {
        long path = level == 3 ? index(iova, 3) : 512 + (index(iova, 3) << 9 | index(iova, 2));
        return top + 0x1000 * (1 + path);
    }

    private static long index(long iova, int level) {
        return (iova >>> (12 + 9 * (level - 1))) & 0x1FF;
    }

    static UnitState register(UnitState state, int id, SourceId device, long first, long last,
                              ListenerFlag... flags) {
        return ListenerRegistry.register(state, new Operation.RegisterListener(new ListenerId(id), device, first, last,
                Set.of(flags))).next();
    }

    static Transition replay(UnitState state, int id) {
        var alternative = ListenerRegistry.replay(state, new ListenerId(id));
        return new Transition(alternative.next(), io.vavr.collection.List.ofAll(alternative.outcome().events()));
    }
}
