package io.vtdoracle.model.roottable;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.memory.GuestMemory;

/**
 * Finding a device's context entry from guest memory as it is now (§3.4.2, contract §3 steps 2–3): the root
 * entry of its bus at the latched root table address, then the context entry of its devfn. Never uses caches.
 */
public final class RootTable {

    private RootTable() {
    }

    /** The valid context entry of {@code source}, read fresh through the latched root table address, or the fault. */
    public static Either<ContextFault, ContextEntry> resolve(UnitState state, SourceId source) {
        Capabilities capabilities = state.capabilities();
        int haw = capabilities.addressWidth();
        long rootTable = state.registers().rootTableAddress() & ~0xFFFL;
        Option<RootEntry> root = read(state.memory(), rootTable + source.bus() * 16L)
                .map(words -> new RootEntry(words._1, words._2));
        if (root.isEmpty()) {
            return fault(FaultReason.ROOT_TABLE_ACCESS_ERROR, false); // 8h
        }
        if (!root.get().present()) {
            return fault(FaultReason.ROOT_ENTRY_NOT_PRESENT, false); // 1h
        }
        if (root.get().reservedBitsSet(haw)) {
            return fault(FaultReason.ROOT_ENTRY_RESERVED, false); // Ah
        }
        Option<ContextEntry> read = read(state.memory(),
                root.get().contextTablePointer() + source.devfn() * 16L)
                .map(words -> new ContextEntry(words._1, words._2));
        if (read.isEmpty()) {
            return fault(FaultReason.CONTEXT_TABLE_ACCESS_ERROR, false); // 9h
        }
        ContextEntry context = read.get();
        boolean fpd = context.faultProcessingDisabled();
        if (!context.present()) {
            return fault(FaultReason.CONTEXT_ENTRY_NOT_PRESENT, fpd); // 2h
        }
        if (context.reservedBitsSet(haw)) {
            return fault(FaultReason.CONTEXT_ENTRY_RESERVED, fpd); // Bh
        }
        if (!validProgramming(context, capabilities)) {
            return fault(FaultReason.CONTEXT_ENTRY_INVALID, fpd); // 3h
        }
        return Either.right(context);
    }

    /** §10.4.2 SAGAW, §9.3 TT: AW must be a supported width and TT a supported, non-reserved type. */
    private static boolean validProgramming(ContextEntry context, Capabilities capabilities) {
        boolean supportedWidth = context.addressWidth() == 1
                || (context.addressWidth() == 2 && capabilities.addressWidth() == 48);
        TranslationType type = context.translationType();
        boolean supportedType = type == TranslationType.UNTRANSLATED_ONLY
                || (type == TranslationType.ALL_REQUESTS && capabilities.deviceTlb())
                || (type == TranslationType.PASS_THROUGH && capabilities.passThrough());
        return supportedWidth && supportedType;
    }

    private static Either<ContextFault, ContextEntry> fault(FaultReason reason, boolean fpd) {
        return Either.left(new ContextFault(reason, fpd));
    }

    /** A 128-bit entry (low, high) at {@code address}, or none if any of it is outside memory. */
    private static Option<Tuple2<Long, Long>> read(GuestMemory memory, long address) {
        return memory.read(address).flatMap(low -> memory.read(address + 8).map(high -> Tuple.of(low, high)));
    }
}
