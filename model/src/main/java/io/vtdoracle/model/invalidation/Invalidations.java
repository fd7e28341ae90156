package io.vtdoracle.model.invalidation;

import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.notifier.ListenerSync;

/** What a completed invalidation does, whichever interface requested it: the caches, then the listeners. */
final class Invalidations {

    private Invalidations() {
    }

    /** §6.5.1.1: the context-cache entries covered are removed; listeners follow (contract §7.5). */
    static Transition context(UnitState state, ContextInvalidation invalidation) {
        return ListenerSync.afterContextInvalidation(
                state.withCaches(state.caches().invalidate(invalidation)), invalidation);
    }

    /** §6.5.1.2: the IOTLB entries covered are removed; listeners follow (contract §7.3). */
    static Transition iotlb(UnitState state, IotlbInvalidation invalidation) {
        return ListenerSync.afterIotlbInvalidation(
                state.withCaches(state.caches().invalidate(invalidation)), invalidation);
    }

    /** §6.5.2.4: the model keeps no scalable-mode IOTLB entry yet (contract §9.11), so nothing else changes. */
    static Transition pasidIotlb(UnitState state, PasidIotlbInvalidation invalidation) {
        return Transition.of(state);
    }

    /** §6.5.2.2: the model keeps no PASID-cache entry yet (contract §9.11), so nothing else changes. */
    static Transition pasidCache(UnitState state, PasidCacheInvalidation invalidation) {
        return Transition.of(state);
    }
}
