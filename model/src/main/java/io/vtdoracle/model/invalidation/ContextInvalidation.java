package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vtdoracle.api.SourceId;

/** The granularities of a context-cache invalidation (§6.5.1.1, §6.5.2.1). */
public sealed interface ContextInvalidation {

    /** All context-cache entries. */
    record Global() implements ContextInvalidation {
    }

    /** Entries with this domain-id. */
    record Domain(int did) implements ContextInvalidation {
    }

    /**
     * Entries of this source-id, with function mask {@code fm} (§10.4.7): FM 0 compares all of SID, FM 1 masks
     * the most significant bit of the function number (bit 2), FM 2 its two most significant bits (2:1), FM 3 all
     * three (2:0).
     */
    record Device(SourceId source, int functionMask) implements ContextInvalidation {

        /** Whether this invalidation covers the given source-id. */
        public boolean covers(SourceId other) {
            return (source.value() & ~ignoredBits()) == (other.value() & ~ignoredBits());
        }

        /** The source-ids this invalidation covers: 1, 2, 4 or 8 functions of one device. */
        public List<SourceId> covered() {
            int fm = functionMask & 3;
            return List.range(0, 1 << fm)
                    .map(bits -> new SourceId(source.value() & ~ignoredBits() | bits << (3 - fm)));
        }

        private int ignoredBits() {
            int fm = functionMask & 3;
            return ((1 << fm) - 1) << (3 - fm);
        }
    }
}
