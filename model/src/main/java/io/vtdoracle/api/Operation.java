package io.vtdoracle.api;

import java.util.Set;

/**
 * One thing that happens to a remapping unit. The operations mirror the unit's three sides: the guest CPU
 * (memory and register accesses), devices (DMA and interrupt requests) and the VMM (listeners on a device's
 * address space). Every field value is legal input: an implementation answers any operation with an
 * {@link Outcome}, never an exception.
 */
public sealed interface Operation {

    /** First address of the interrupt window (VT-d specification §3.14, "0xFEEx_xxxx"). */
    long INTERRUPT_WINDOW_FIRST = 0xFEE0_0000L;
    /** Last address of the interrupt window. */
    long INTERRUPT_WINDOW_LAST = 0xFEEF_FFFFL;

    /** Whether an address lies in the interrupt window 0xFEE00000–0xFEEFFFFF. */
    static boolean inInterruptWindow(long address) {
        return address >= INTERRUPT_WINDOW_FIRST && address <= INTERRUPT_WINDOW_LAST;
    }

    // ---- guest CPU side ----

    /**
     * The guest CPU writes the 64-bit little-endian word at {@code address & ~7} of guest memory (the unit reads
     * its tables from that memory). Outside guest memory the write is {@link Result.Ignored}.
     */
    record WriteMemory(long address, long value) implements Operation {
        @Override
        public String toString() {
            return String.format("mem[0x%x] = 0x%x", address, value);
        }
    }

    /** The guest CPU reads the 64-bit word at {@code address & ~7}: {@link Result.Value}, or ignored outside memory. */
    record ReadMemory(long address) implements Operation {
        @Override
        public String toString() {
            return String.format("read mem[0x%x]", address);
        }
    }

    /**
     * The guest CPU writes a remapping register: {@code size} 4 or 8 bytes at {@code offset} from the register
     * base, naturally aligned; other accesses are {@link Result.Ignored}.
     */
    record WriteRegister(int offset, int size, long value) implements Operation {
        @Override
        public String toString() {
            return String.format("reg%d[0x%x] = 0x%x", size * 8, offset, value);
        }
    }

    /** The guest CPU reads a remapping register ({@link Result.Value}); bad sizes and alignments are ignored. */
    record ReadRegister(int offset, int size) implements Operation {
        @Override
        public String toString() {
            return String.format("read reg%d[0x%x]", size * 8, offset);
        }
    }

    // ---- device side ----

    /**
     * A device's untranslated DMA request without PASID. A write into the interrupt window is an interrupt
     * request with data 0 (§3.14); a read of it is blocked ({@link Result.Blocked}).
     */
    record DmaRequest(SourceId source, long address, Access access) implements Operation {
        @Override
        public String toString() {
            return String.format("dma %s %s 0x%x", source, access == Access.READ ? "read" : "write", address);
        }
    }

    /**
     * A device's dword write of {@code data} to {@code address}: an interrupt request when the address is in the
     * interrupt window (§5.1), otherwise an ordinary DMA write (the data is not observed).
     */
    record InterruptRequest(SourceId source, long address, int data) implements Operation {
        @Override
        public String toString() {
            return String.format("irq %s addr 0x%x data 0x%x", source, address, data);
        }
    }

    // ---- VMM side ----

    /**
     * The VMM registers a listener (an IOMMU notifier) on the address space of device {@code source}, for IOVAs
     * {@code first..last} inclusive. Registering with MAP is refused without caching mode. A MAP listener starts
     * empty: the VMM asks for {@link Replay} to fill it. {@code mappingBudget} is the most pieces a MAP listener
     * may hold (its VFIO container's {@code dma_entry_limit}): an update that would leave it holding more empties
     * it and says so with {@link Event.ListenerOverflowed} (contract §7.5).
     */
    record RegisterListener(ListenerId listener, SourceId source, long first, long last, Set<ListenerFlag> flags,
                            int mappingBudget) implements Operation {

        /** VFIO type1's default {@code dma_entry_limit}: the mapping budget of a listener registered without one. */
        public static final int DEFAULT_MAPPING_BUDGET = 65_535;
        /**
         * The largest mapping budget, 2^20 (a 4 GiB domain of 4K pages): what one update may build for a listener
         * is bounded by its budget, so the budget bounds a unit's memory.
         */
        public static final int MAX_MAPPING_BUDGET = 1 << 20;

        public RegisterListener {
            flags = Set.copyOf(flags);
            if (mappingBudget < 0 || mappingBudget > MAX_MAPPING_BUDGET) {
                throw new IllegalArgumentException("a mapping budget is 0 to 2^20, not " + mappingBudget);
            }
        }

        /** A listener with the default mapping budget. */
        public RegisterListener(ListenerId listener, SourceId source, long first, long last, Set<ListenerFlag> flags) {
            this(listener, source, first, last, flags, DEFAULT_MAPPING_BUDGET);
        }

        @Override
        public String toString() {
            return String.format("listen %s on %s [0x%x..0x%x] %s%s", listener, source, first, last,
                    new java.util.TreeSet<>(flags),
                    mappingBudget == DEFAULT_MAPPING_BUDGET ? "" : " budget " + mappingBudget);
        }
    }

    /** The VMM removes a listener; its mappings are forgotten without events. */
    record UnregisterListener(ListenerId listener) implements Operation {
        @Override
        public String toString() {
            return "unlisten " + listener;
        }
    }

    /**
     * The VMM asks for a full replay to one listener: the events that bring it to the current page tables'
     * mappings in its range (a full walk), delivered to that listener only.
     */
    record Replay(ListenerId listener) implements Operation {
        @Override
        public String toString() {
            return "replay " + listener;
        }
    }
}
