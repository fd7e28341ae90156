package io.vtdoracle.model.notifier;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;

/**
 * What listeners are told when the guest invalidates or switches translation (contract §7.3 – §7.5).
 * SKELETON: owned by the notifier chapter. Each call receives the state after the caches were invalidated and
 * returns it with updated listeners and the listener events (and address-space switches), ordered per §7.4.
 */
public final class ListenerSync {

    private ListenerSync() {
    }

    public static Transition afterIotlbInvalidation(UnitState state, IotlbInvalidation invalidation) {
        return Transition.of(state);
    }

    public static Transition afterContextInvalidation(UnitState state, ContextInvalidation invalidation) {
        return Transition.of(state);
    }

    /** After GSTS.TES changed. */
    public static Transition afterTranslationEnableChange(UnitState state) {
        return Transition.of(state);
    }

    /** After a device-TLB invalidation of {@code source} for IOVAs {@code first..last}. */
    public static Transition afterDeviceTlbInvalidation(UnitState state, SourceId source, long first, long last) {
        return Transition.of(state);
    }
}
