package io.vtdoracle.api;

/** What an operation returned to its issuer. */
public sealed interface Result {

    /** A write, listener removal or replay completed. */
    record Done() implements Result {
        @Override
        public String toString() {
            return "done";
        }
    }

    /** The access was not performed; nothing changed. */
    record Ignored(IgnoreReason reason) implements Result {
    }

    /** Why an access was ignored. */
    enum IgnoreReason {
        /** A memory access outside guest memory. */
        OUTSIDE_GUEST_MEMORY,
        /** A register access that is not 4 or 8 bytes, not naturally aligned, or outside the register block. */
        BAD_REGISTER_ACCESS,
        /** Unregister or replay of a listener that is not registered. */
        UNKNOWN_LISTENER
    }

    /** The value a read returned (a register or a memory word). */
    record Value(long value) implements Result {
        @Override
        public String toString() {
            return String.format("value 0x%x", value);
        }
    }

    /**
     * A DMA request that was translated: {@code address} is the host-physical address of the requested byte,
     * {@code pageMask} the size of the translation minus one (0xFFF, 0x1FFFFF or 0x3FFFFFFF) and
     * {@code permission} the rights the translation grants. Pass-through and disabled translation give the
     * identity with page mask 0xFFF and READ_WRITE.
     */
    record Translated(long address, long pageMask, Permission permission) implements Result {
        @Override
        public String toString() {
            return String.format("translated 0x%x mask 0x%x %s", address, pageMask, permission);
        }
    }

    /** A DMA request that was aborted with a remapping fault (recorded or not: see the step's events). */
    record DmaFault(FaultReason reason) implements Result {
        @Override
        public String toString() {
            return "dma fault " + reason;
        }
    }

    /** A request that is neither translated nor faulted, such as a DMA read of the interrupt window (§3.14). */
    record Blocked() implements Result {
        @Override
        public String toString() {
            return "blocked";
        }
    }

    /** An interrupt request that went on to the processors as this message (remapped, or passed through). */
    record InterruptForwarded(MsiMessage message) implements Result {
        @Override
        public String toString() {
            return "interrupt " + message;
        }
    }

    /** An interrupt request that was blocked with an interrupt-remapping fault. */
    record InterruptFault(FaultReason reason) implements Result {
        @Override
        public String toString() {
            return "interrupt fault " + reason;
        }
    }

    /** A listener was registered. */
    record ListenerRegistered() implements Result {
        @Override
        public String toString() {
            return "registered";
        }
    }

    /** A listener registration was refused. */
    record ListenerRefused(RefusalReason reason) implements Result {
    }

    /** Why a listener registration was refused. */
    enum RefusalReason {
        /** A listener with this id is already registered. */
        DUPLICATE_LISTENER,
        /** first is above last. */
        EMPTY_RANGE,
        /** No flag was given. */
        NO_FLAGS,
        /** MAP needs caching mode (CAP.CM=1): without it the guest does not invalidate after mapping. */
        CACHING_MODE_REQUIRED,
        /** DEVICE_IOTLB_UNMAP needs device-TLB support (ECAP.DT=1). */
        DEVICE_TLB_NOT_SUPPORTED
    }

    Result DONE = new Done();
    Result BLOCKED = new Blocked();
    Result LISTENER_REGISTERED = new ListenerRegistered();
}
