package io.vtdoracle.model.notifier;

import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.UnitState;

/** The VMM side: registering, removing and replaying listeners (contract §7.5). SKELETON: notifier chapter. */
public final class ListenerRegistry {

    private ListenerRegistry() {
    }

    public static Alternative register(UnitState state, Operation.RegisterListener registration) {
        return new Alternative(Outcome.of(Result.LISTENER_REGISTERED), state);
    }

    public static Alternative unregister(UnitState state, ListenerId listener) {
        return new Alternative(Outcome.of(Result.DONE), state);
    }

    public static Alternative replay(UnitState state, ListenerId listener) {
        return new Alternative(Outcome.of(Result.DONE), state);
    }
}
