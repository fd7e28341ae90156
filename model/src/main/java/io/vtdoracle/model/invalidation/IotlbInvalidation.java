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
     * contract §6.1). {@code invalidationHint} (IH) says non-leaf entries were not changed. Addresses are
     * unsigned: with AM ≥ 52 the range is the whole 64-bit space.
     */
    record Page(int did, long address, int addressMask, boolean invalidationHint) implements IotlbInvalidation {

        /** §6.5.1.2: the page-selective invalidation of ADDR aligned down to its 2^AM pages. */
        public static Page aligned(int did, long address, int addressMask, boolean invalidationHint) {
            return new Page(did, address & ~sizeMinusOne(addressMask), addressMask, invalidationHint);
        }

        /** The first IOVA of the invalidated range. */
        public long first() {
            return address;
        }

        /** The size of the invalidated range in bits: 12 + AM, at most 64. */
        public int rangeBits() {
            return Math.min(64, 12 + addressMask);
        }

        /** The last IOVA of the invalidated range (unsigned). */
        public long last() {
            return address + sizeMinusOne(addressMask);
        }

        private static long sizeMinusOne(int addressMask) {
            int bits = 12 + addressMask;
            return bits >= 64 ? -1L : (1L << bits) - 1;
        }
    }
}
