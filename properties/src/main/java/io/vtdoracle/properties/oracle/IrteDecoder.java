package io.vtdoracle.properties.oracle;

import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import java.util.Optional;

/**
 * A small interrupt-remapping decoder written for the properties from docs/semantics.md §5 alone: what an
 * interrupt request to the window must give, read directly from the IRTE in guest memory.
 */
public final class IrteDecoder {

    private static final int[] SOURCE_QUALIFIER_MASKS = {0xFFFF, 0xFFFB, 0xFFF9, 0xFFF8};

    /** How interrupt remapping is set up: GSTS.IRES, the latched IRTA (address, S, EIME) and GSTS.CFIS. */
    public record Setup(boolean enabled, long table, int sizeField, boolean extendedMode, boolean compatibility) {
    }

    private final MemoryMirror memory;

    public IrteDecoder(MemoryMirror memory) {
        this.memory = memory;
    }

    /** The result of an interrupt request of {@code source} to {@code address} (in the window) with {@code data}. */
    public Result decode(Setup setup, SourceId source, long address, int data) {
        if (!setup.enabled()) {
            return new Result.InterruptForwarded(new MsiMessage(address, data));
        }
        if ((address & 0x10) == 0) {
            return setup.compatibility() && !setup.extendedMode()
                    ? new Result.InterruptForwarded(new MsiMessage(address, data))
                    : fault(FaultReason.IR_COMPATIBILITY_BLOCKED);
        }
        boolean subhandleValid = (address & 0x8) != 0;
        if (subhandleValid && (data >>> 16) != 0) {
            return fault(FaultReason.IR_REQUEST_RESERVED);
        }
        long index = index(address, data);
        if (index >= 1L << (setup.sizeField() + 1)) {
            return fault(FaultReason.IR_INDEX_BEYOND_TABLE);
        }
        long entry = setup.table() + 16 * index;
        if (!memory.readable(entry)) {
            return fault(FaultReason.IR_TABLE_ACCESS_ERROR);
        }
        long low = memory.read(entry);
        long high = memory.read(entry + 8);
        if ((low & 1) == 0) {
            return fault(FaultReason.IR_ENTRY_NOT_PRESENT);
        }
        boolean reserved = (low & 0x7000L) != 0 || (low & 0xFF00_0000L) != 0
                || (!setup.extendedMode() && ((low & 0xFF_0000_0000L) != 0 || (low >>> 48) != 0))
                || (high >>> 20) != 0;
        if (reserved) {
            return fault(FaultReason.IR_ENTRY_RESERVED);
        }
        if (!sourceValid(high, source)) {
            return fault(FaultReason.IR_SOURCE_ID_INVALID);
        }
        return new Result.InterruptForwarded(message(low, setup.extendedMode()));
    }

    /** The IRTE index a remappable request names: handle, plus the subhandle when SHV is set. */
    private static long index(long address, int data) {
        int handle = (int) ((address >>> 5) & 0x7FFF) | (int) ((address >>> 2) & 1) << 15;
        return handle + ((address & 0x8) != 0 ? (data & 0xFFFF) : 0);
    }

    /**
     * The IRTE (low, high) a remappable-format request to the window names, when remapping is enabled and the
     * index is inside the table and readable.
     */
    public Optional<long[]> entry(Setup setup, long address, int data) {
        if (!setup.enabled() || (address & 0x10) == 0) {
            return Optional.empty();
        }
        long index = index(address, data);
        long entry = setup.table() + 16 * index;
        if (index >= 1L << (setup.sizeField() + 1) || !memory.readable(entry)) {
            return Optional.empty();
        }
        return Optional.of(new long[] {memory.read(entry), memory.read(entry + 8)});
    }

    private static boolean sourceValid(long high, SourceId source) {
        int svt = (int) (high >>> 18) & 3;
        int sid = (int) high & 0xFFFF;
        int sq = (int) (high >>> 16) & 3;
        switch (svt) {
            case 0:
                return true;
            case 1:
                int mask = SOURCE_QUALIFIER_MASKS[sq];
                return (source.value() & mask) == (sid & mask);
            case 2:
                return source.bus() >= (sid >>> 8) && source.bus() <= (sid & 0xFF); // §9.10: start bus SID[15:8], end SID[7:0]
            default:
                return false;
        }
    }

    private static MsiMessage message(long low, boolean extendedMode) {
        long destination = extendedMode ? (low >>> 32) & 0xFFFF_FFFFL : (low >>> 40) & 0xFF;
        long address = 0xFEE0_0000L | (destination & 0xFF) << 12 | ((low >>> 3) & 1) << 3 | ((low >>> 2) & 1) << 2;
        if (extendedMode) {
            address |= (destination & 0xFFFF_FF00L) << 32;
        }
        int vector = (int) (low >>> 16) & 0xFF;
        int deliveryMode = (int) (low >>> 5) & 7;
        int trigger = (int) (low >>> 4) & 1;
        int data = vector | deliveryMode << 8 | trigger << 15 | (trigger == 1 ? 1 << 14 : 0);
        return new MsiMessage(address, data);
    }

    private static Result fault(FaultReason reason) {
        return new Result.InterruptFault(reason);
    }
}
