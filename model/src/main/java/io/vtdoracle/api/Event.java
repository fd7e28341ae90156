package io.vtdoracle.api;

/**
 * Something a step made happen besides its result, in the order it happened. Events are compared exactly
 * between implementations.
 */
public sealed interface Event {

    /** What a listener notification says. */
    enum NotificationType {
        MAP,
        UNMAP,
        DEVICE_IOTLB_UNMAP
    }

    /**
     * A listener notification: for MAP, IOVAs {@code iova..iova+addressMask} now translate to
     * {@code translatedAddress..} with {@code permission}; for UNMAP and DEVICE_IOTLB_UNMAP that range is no longer
     * mapped (translated address 0, permission NONE). {@code addressMask} is 2^k - 1 and {@code iova} is aligned
     * to it; the range never leaves the listener's range nor enters the interrupt window.
     */
    record ListenerNotified(ListenerId listener, NotificationType type, long iova, long translatedAddress,
                            long addressMask, Permission permission) implements Event {
        @Override
        public String toString() {
            return type == NotificationType.MAP
                    ? String.format("%s MAP 0x%x+0x%x -> 0x%x %s", listener, iova, addressMask, translatedAddress,
                            permission)
                    : String.format("%s %s 0x%x+0x%x", listener, type, iova, addressMask);
        }
    }

    /**
     * A MAP listener overflowed its mapping budget (contract §7.5): an update would have left it holding more
     * pieces than {@link Operation.RegisterListener#mappingBudget()}. Instead it was told to UNMAP every piece it
     * held (if it hears UNMAP) and now holds nothing. Delivered whatever the listener's flags, after those UNMAPs.
     */
    record ListenerOverflowed(ListenerId listener) implements Event {
        @Override
        public String toString() {
            return listener + " overflowed";
        }
    }

    /**
     * A fault was recorded in fault recording register {@code index} (§7.2.1). {@code faultInfo} is the page
     * address of a DMA fault (low 12 bits clear) or, for an interrupt-remapping fault, the interrupt index in
     * bits 63:48; {@code access} is the request's type (interrupt requests are writes).
     */
    record FaultRecorded(int index, SourceId source, FaultReason reason, long faultInfo, Access access)
            implements Event {
        @Override
        public String toString() {
            return String.format("FRCD[%d] %s %s info 0x%x %s", index, source, reason, faultInfo, access);
        }
    }

    /** An invalidation wait descriptor wrote its 32-bit status data to guest memory (§6.5.2.8). */
    record StatusWritten(long address, int data) implements Event {
        @Override
        public String toString() {
            return String.format("status mem[0x%x] = 0x%x", address, data);
        }
    }

    /** Which interrupt the unit raised. */
    enum InterruptSource {
        /** The fault event interrupt (FECTL/FEDATA/FEADDR/FEUADDR, §7.3). */
        FAULT_EVENT,
        /** The invalidation completion event interrupt (IECTL/IEDATA/IEADDR/IEUADDR, §6.5.2.9). */
        INVALIDATION_COMPLETION
    }

    /** The unit sent an interrupt message of its own to the processors. */
    record InterruptRaised(InterruptSource source, long address, int data) implements Event {
        @Override
        public String toString() {
            return String.format("%s interrupt addr 0x%x data 0x%x", source, address, data);
        }
    }

    /** How a device's address space currently behaves. */
    enum AddressSpaceView {
        /** Requests are translated through the device's context entry and page tables. */
        TRANSLATED,
        /** Requests go to guest-physical memory unchanged (translation disabled, or pass-through). */
        IDENTITY
    }

    /**
     * A device with listeners changed view. Switching to IDENTITY comes after the UNMAPs that empty its listeners;
     * switching to TRANSLATED comes before the MAPs that refill them.
     */
    record AddressSpaceSwitched(SourceId source, AddressSpaceView view) implements Event {
        @Override
        public String toString() {
            return "switch " + source + " to " + view;
        }
    }
}
