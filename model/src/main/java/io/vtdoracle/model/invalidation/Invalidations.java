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

    /** §6.5.2.4: the scalable-mode IOTLB entries covered are removed; no listener is told (contract §9.10). */
    static Transition pasidIotlb(UnitState state, PasidIotlbInvalidation invalidation) {
        return Transition.of(state.withCaches(state.caches().invalidate(invalidation)));
    }

    /** §6.5.2.2: the PASID-cache entries covered are removed; listeners follow (contract §9.10). */
    static Transition pasidCache(UnitState state, PasidCacheInvalidation invalidation) {
        return ListenerSync.afterPasidCacheInvalidation(
                state.withCaches(state.caches().invalidate(invalidation)), invalidation);
    }
}
