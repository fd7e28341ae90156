package io.vtdoracle.model.invalidation;

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
     * Entries of this source-id, with function mask {@code fm}: FM 0 compares all of SID, FM 1/2/3 ignore the
     * lowest 1/2/3 bits of the function number (§10.4.7).
     */
    record Device(SourceId source, int functionMask) implements ContextInvalidation {

        /** Whether this invalidation covers the given source-id. */
        public boolean covers(SourceId other) {
            int ignored = (1 << functionMask) - 1;
            return (source.value() & ~ignored) == (other.value() & ~ignored);
        }
    }
}
