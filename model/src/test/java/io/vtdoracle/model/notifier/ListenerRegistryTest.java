package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.Result.RefusalReason;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.vtdoracle.api.ListenerFlag.DEVICE_IOTLB_UNMAP;
import static io.vtdoracle.api.ListenerFlag.MAP;
import static io.vtdoracle.api.ListenerFlag.UNMAP;
import static io.vtdoracle.model.notifier.ListenerSyncTest.DEVICE;
import static io.vtdoracle.model.notifier.ListenerSyncTest.RW;
import static io.vtdoracle.model.notifier.ListenerSyncTest.TOP;
import static io.vtdoracle.model.notifier.ListenerSyncTest.fourPages;
import static io.vtdoracle.model.notifier.Notices.map;
import static io.vtdoracle.model.notifier.Notices.unmap;
import static io.vtdoracle.model.notifier.Units.register;
import static io.vtdoracle.model.notifier.Units.replay;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §7.5: registering, removing and replaying listeners. */
class ListenerRegistryTest {

    @Test
    void refusalsAreCheckedInOrder() {
        UnitState plain = UnitState.powerOn(Capabilities.DEFAULT.withCachingMode(false));
        UnitState taken = register(plain, 1, DEVICE, 0, 0xFFF, UNMAP);
        assertThat(refusal(taken, 1, 5, 0, Set.of())).isEqualTo(RefusalReason.DUPLICATE_LISTENER);
        assertThat(refusal(taken, 2, 5, 0, Set.of())).isEqualTo(RefusalReason.NO_FLAGS);
        assertThat(refusal(taken, 2, 5, 0, Set.of(MAP, DEVICE_IOTLB_UNMAP))).isEqualTo(RefusalReason.EMPTY_RANGE);
        assertThat(refusal(taken, 2, 0, 5, Set.of(MAP, DEVICE_IOTLB_UNMAP)))
                .isEqualTo(RefusalReason.CACHING_MODE_REQUIRED);
        assertThat(refusal(taken, 2, 0, 5, Set.of(UNMAP, DEVICE_IOTLB_UNMAP)))
                .isEqualTo(RefusalReason.DEVICE_TLB_NOT_SUPPORTED);
        // Ranges are unsigned: 0..2^64-1 is not empty, 2^64-1..0 is.
        assertThat(refusal(taken, 2, -1L, 0, Set.of(UNMAP))).isEqualTo(RefusalReason.EMPTY_RANGE);
        assertThat(register(taken, 2, DEVICE, 0, -1L, UNMAP).listeners().get(new ListenerId(2)).isDefined()).isTrue();
    }

    /** Bug 28cf553afe / b8d78277c0: a MAP listener needs caching mode. */
    @Test
    void mapNeedsCachingMode() {
        UnitState withCm = UnitState.powerOn(Capabilities.DEFAULT);
        Alternative registered = ListenerRegistry.register(withCm,
                new Operation.RegisterListener(new ListenerId(1), DEVICE, 0, 0xFFF, Set.of(MAP)));
        assertThat(registered.outcome().result()).isEqualTo(Result.LISTENER_REGISTERED);
        assertThat(registered.outcome().events()).isEmpty();
        assertThat(refusal(UnitState.powerOn(Capabilities.DEFAULT.withCachingMode(false)), 1, 0, 0xFFF,
                Set.of(MAP, UNMAP))).isEqualTo(RefusalReason.CACHING_MODE_REQUIRED);
    }

    @Test
    void aListenerStartsEmptyAndReplayFillsIt() {
        UnitState state = register(fourPages(), 1, DEVICE, 0x1000, 0x2FFF, MAP, UNMAP);
        assertThat(state.listeners().get(new ListenerId(1)).get().shadow().isEmpty()).isTrue();
        assertThat(replay(state, 1).events()).containsExactly(map(1, 0x1000, 0xFFF, 0x7FFF_E000L, RW),
                map(1, 0x2000, 0xFFF, 0x7FFF_D000L, RW));
    }

    /**
     * Bugs e80c1e4c7d, ce735ff033, H5: replay delivers to that listener only, tells nothing when it is in sync,
     * and leaves the other listeners' shadows alone.
     */
    @Test
    void replayIsForThatListenerOnlyAndIdempotent() {
        UnitState state = register(fourPages(), 1, DEVICE, 0, 0x1FFF, MAP, UNMAP);
        state = register(state, 2, DEVICE, 0, 0x1FFF, MAP, UNMAP);
        state = register(state, 3, DEVICE, 0, 0x1FFF, UNMAP);
        Transition first = replay(state, 1);
        assertThat(first.events()).containsExactly(map(1, 0, 0xFFF, 0x7FFF_F000L, RW),
                map(1, 0x1000, 0xFFF, 0x7FFF_E000L, RW));
        assertThat(replay(first.state(), 1).events()).isEmpty();
        assertThat(replay(first.state(), 3).events()).isEmpty();
        Transition second = replay(first.state(), 2);
        assertThat(second.events()).containsExactly(map(2, 0, 0xFFF, 0x7FFF_F000L, RW),
                map(2, 0x1000, 0xFFF, 0x7FFF_E000L, RW));
        assertThat(replay(second.state(), 1).events()).isEmpty();
    }

    @Test
    void replayAfterAChangeUnmapsWhatChangedAndMapsWhatIsNew() {
        UnitState state = replay(register(fourPages(), 1, DEVICE, 0, 0x1FFF, MAP, UNMAP), 1).state();
        state = Units.map(state, TOP, 0x1000, 0x5555_5000L, Permission.READ, 1);
        assertThat(replay(state, 1).events()).containsExactly(unmap(1, 0x1000, 0xFFF),
                map(1, 0x1000, 0xFFF, 0x5555_5000L, Permission.READ));
    }

    @Test
    void unknownListenersAreIgnored() {
        UnitState state = fourPages();
        Result ignored = new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER);
        assertThat(ListenerRegistry.unregister(state, new ListenerId(9)).outcome().result()).isEqualTo(ignored);
        assertThat(ListenerRegistry.replay(state, new ListenerId(9)).outcome().result()).isEqualTo(ignored);
    }

    @Test
    void unregisteringForgetsTheListenerAndALastListenersDevice() {
        UnitState state = replay(register(fourPages(), 1, DEVICE, 0, 0x1FFF, MAP, UNMAP), 1).state();
        Alternative removed = ListenerRegistry.unregister(state, new ListenerId(1));
        assertThat(removed.outcome().result()).isEqualTo(Result.DONE);
        assertThat(removed.outcome().events()).isEmpty();
        assertThat(removed.next().listeners()).isEqualTo(Listeners.empty());
        // Registered again under the same id, it starts empty: the replay maps everything again.
        UnitState again = register(removed.next(), 1, DEVICE, 0, 0x1FFF, MAP, UNMAP);
        assertThat(replay(again, 1).events()).hasSize(2);
    }

    private static RefusalReason refusal(UnitState state, int id, long first, long last, Set<ListenerFlag> flags) {
        Result result = ListenerRegistry.register(state,
                new Operation.RegisterListener(new ListenerId(id), DEVICE, first, last, flags)).outcome().result();
        return ((Result.ListenerRefused) result).reason();
    }
}
