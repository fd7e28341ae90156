package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.Result.RefusalReason;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;

/** The VMM side: registering, removing and replaying listeners (contract §7.5). */
public final class ListenerRegistry {

    private static final Result UNKNOWN = new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER);

    private ListenerRegistry() {
    }

    /**
     * Contract §7.5: refused, checked in this order, for a duplicate id, no flags, first above last, MAP without
     * caching mode (CAP.CM: without it the guest does not invalidate after mapping, §6.1) and DEVICE_IOTLB_UNMAP
     * without device-TLB support (ECAP.DT). Otherwise registered with an empty shadow and no events; a device
     * without listeners yet takes its current view.
     */
    public static Alternative register(UnitState state, Operation.RegisterListener registration) {
        Option<IovaRange> range = IovaRange.of(registration.first(), registration.last());
        Option<RefusalReason> refusal = refusal(state, registration, range);
        if (refusal.isDefined()) {
            return new Alternative(Outcome.of(new Result.ListenerRefused(refusal.get())), state);
        }
        Listener listener = new Listener(registration.listener(), registration.source(), range.get(),
                TreeSet.ofAll(registration.flags()), registration.mappingBudget(), Shadow.empty());
        AddressSpaceView view = AddressSpaces.view(state, registration.source());
        return new Alternative(Outcome.of(Result.LISTENER_REGISTERED),
                state.withListeners(state.listeners().with(listener, view)));
    }

    /** Contract §7.5: the listener is forgotten without events. */
    public static Alternative unregister(UnitState state, ListenerId listener) {
        return state.listeners().get(listener)
                .map(known -> new Alternative(Outcome.of(Result.DONE),
                        state.withListeners(state.listeners().without(listener))))
                .getOrElse(() -> new Alternative(Outcome.of(UNKNOWN), state));
    }

    /**
     * Contract §7.5: that listener alone is brought to its full target in its device's view: UNMAPs of what
     * changed, MAPs of what is new, nothing when it is in sync, or an overflow past its mapping budget. Other
     * listeners, even of the same device, keep their shadows.
     */
    public static Alternative replay(UnitState state, ListenerId listener) {
        return state.listeners().get(listener).map(known -> {
            DeviceMappings mappings = state.listeners().view(known.source()).contains(AddressSpaceView.TRANSLATED)
                    ? AddressSpaces.mappings(state, known.source())
                    : DeviceMappings.none();
            ListenerUpdate update = ShadowSync.sync(known, IovaRange.ALL, mappings);
            return new Alternative(new Outcome(Result.DONE, update.events().toJavaList()),
                    state.withListeners(state.listeners().withAll(List.of(update.listener()))));
        }).getOrElse(() -> new Alternative(Outcome.of(UNKNOWN), state));
    }

    private static Option<RefusalReason> refusal(UnitState state, Operation.RegisterListener registration,
                                                 Option<IovaRange> range) {
        if (state.listeners().get(registration.listener()).isDefined()) {
            return Option.some(RefusalReason.DUPLICATE_LISTENER);
        } else if (registration.flags().isEmpty()) {
            return Option.some(RefusalReason.NO_FLAGS);
        } else if (range.isEmpty()) {
            return Option.some(RefusalReason.EMPTY_RANGE);
        } else if (registration.flags().contains(ListenerFlag.MAP) && !state.capabilities().cachingMode()) {
            return Option.some(RefusalReason.CACHING_MODE_REQUIRED);
        } else if (registration.flags().contains(ListenerFlag.DEVICE_IOTLB_UNMAP)
                && !state.capabilities().deviceTlb()) {
            return Option.some(RefusalReason.DEVICE_TLB_NOT_SUPPORTED);
        }
        return Option.none();
    }
}
