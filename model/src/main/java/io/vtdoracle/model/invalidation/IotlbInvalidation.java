package io.vtdoracle.model.invalidation;

/** The granularities of an IOTLB invalidation (§6.5.1.2, §6.5.2.3). */
public sealed interface IotlbInvalidation {

    /** All IOTLB entries. */
    record Global() implements IotlbInvalidation {
    }

    /** Entries with this domain-id. */
    record Domain(int did) implements IotlbInvalidation {
    }

    /**
     * Entries with this domain-id for the 2^AM pages from {@code address} (already aligned down to 2^AM pages,
     * contract §6.1). {@code invalidationHint} (IH) says non-leaf entries were not changed.
     */
    record Page(int did, long address, int addressMask, boolean invalidationHint) implements IotlbInvalidation {

        /** The first IOVA of the invalidated range. */
        public long first() {
            return address;
        }

        /** The last IOVA of the invalidated range. */
        public long last() {
            return address + (1L << (12 + addressMask)) - 1;
        }
    }
}
