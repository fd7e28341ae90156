package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.api.SourceId;
import java.util.Optional;

/**
 * The property code's own resolution of a device's RID_PASID entry in scalable mode, from docs/semantics.md §9.2,
 * §9.3 and §9.10 alone (it shares no code with the model or the implementation): the root-entry half, the 256-bit
 * context entry, RID_PASID against PDTS, the PASID directory entry and the PASID-table entry, each with its
 * reserved and invalid fields. Any fault leaves the device without a resolution (TRANSLATED, no mappings, no
 * domain, contract §9.10).
 */
public final class ScalableWalker {

    /** PGTT values of a PASID-table entry (§9.6). */
    public static final int FIRST_STAGE = 1;
    public static final int SECOND_STAGE = 2;
    public static final int PASS_THROUGH = 4;

    /**
     * A resolved PASID-table entry: the context entry's RID_PASID, the entry's domain, PGTT, second-stage levels
     * (AW + 2) and second-stage table.
     */
    public record Resolved(int pasid, int did, int pgtt, int levels, long table) {
    }

    private final Capabilities capabilities;
    private final ScalableMode mode;
    private final MemoryMirror memory;
    private final long aboveWidth;

    public ScalableWalker(Capabilities capabilities, MemoryMirror memory) {
        this.capabilities = capabilities;
        this.mode = capabilities.scalableMode();
        this.memory = memory;
        this.aboveWidth = ~((1L << capabilities.addressWidth()) - 1);
    }

    /** {@code source}'s RID_PASID entry read fresh through root table {@code rta}, if no step faults. */
    public Optional<Resolved> resolve(long rta, SourceId source) {
        long half = rta + 16L * source.bus() + (source.devfn() >= 128 ? 8 : 0);
        if (!memory.readable(half)) {
            return Optional.empty();
        }
        long root = memory.read(half);
        if ((root & 1) == 0 || (root & 0xFFE) != 0 || (root & aboveWidth) != 0) {
            return Optional.empty();
        }
        long context = (root & ~0xFFFL) + 32L * (source.devfn() & 0x7F);
        long[] c = words(context, 4);
        if (c == null || (c[0] & 1) == 0 || contextReserved(c)) {
            return Optional.empty();
        }
        int pdts = (int) (c[0] >>> 9) & 7;
        long pasid = c[1] & 0xF_FFFF;
        if (pasid > (1L << (pdts + 13)) - 1) {
            return Optional.empty();
        }
        long directoryEntry = (c[0] & ~0xFFFL) + 8L * (pasid >>> 6);
        if (!memory.readable(directoryEntry)) {
            return Optional.empty();
        }
        long directory = memory.read(directoryEntry);
        if ((directory & 1) == 0 || (directory & 0xFFC) != 0 || (directory & aboveWidth) != 0) {
            return Optional.empty();
        }
        long[] p = words((directory & ~0xFFFL) + 64L * (pasid & 0x3F), 8);
        if (p == null || (p[0] & 1) == 0 || pasidReserved(p) || invalid(p)) {
            return Optional.empty();
        }
        int pgtt = (int) (p[0] >>> 6) & 7;
        int aw = (int) (p[0] >>> 2) & 7;
        return Optional.of(new Resolved((int) pasid, (int) (p[1] & 0xFFFF), pgtt, aw + 2, p[0] & ~0xFFFL));
    }

    /** §9.2 step 2: w0 bits 8:5, PASIDE, PRE, DTE without ECAP.DT, PASIDDIRPTR beyond aw; w1 63:21, RID_PRIV without SRS; w2, w3. */
    private boolean contextReserved(long[] c) {
        return (c[0] & 0x1E0) != 0 || (c[0] & 0x18) != 0 || ((c[0] & 4) != 0 && !capabilities.deviceTlb())
                || (c[0] & aboveWidth) != 0 || (c[1] >>> 21) != 0
                || ((c[1] & (1L << 20)) != 0 && !mode.supervisorRequests()) || c[2] != 0 || c[3] != 0;
    }

    /** §9.3 step 5, the model's reading of §9.6's reserved fields. */
    private boolean pasidReserved(long[] p) {
        int pgtt = (int) (p[0] >>> 6) & 7;
        if ((p[0] & 0xE00) != 0 || (pgtt == SECOND_STAGE && (p[0] & aboveWidth) != 0)
                || (p[1] & 0x7F_0000L) != 0 || (p[2] & 0xF82) != 0
                || ((p[2] & 1) != 0 && !mode.supervisorRequests())
                || (pgtt == FIRST_STAGE && (p[2] & aboveWidth) != 0)) {
            return true;
        }
        for (int w = 3; w < 8; w++) {
            if (p[w] != 0) {
                return true;
            }
        }
        return false;
    }

    /** §9.3 step 5: PGTT the unit lacks or never supports, a second-stage AW or first-stage FSPM it lacks. */
    private boolean invalid(long[] p) {
        int pgtt = (int) (p[0] >>> 6) & 7;
        int aw = (int) (p[0] >>> 2) & 7;
        int fspm = (int) (p[2] >>> 2) & 3;
        switch (pgtt) {
            case FIRST_STAGE:
                return !mode.firstStage() || !(fspm == 0 || (fspm == 1 && mode.firstStage5Level()));
            case SECOND_STAGE:
                return !mode.secondStage() || !(aw == 1 || (aw == 2 && capabilities.addressWidth() == 48));
            case PASS_THROUGH:
                return !capabilities.passThrough();
            default:
                return true;
        }
    }

    /** The {@code count} words at {@code address}, or null if any cannot be read. */
    private long[] words(long address, int count) {
        long[] words = new long[count];
        for (int w = 0; w < count; w++) {
            if (!memory.readable(address + 8L * w)) {
                return null;
            }
            words[w] = memory.read(address + 8L * w);
        }
        return words;
    }
}
