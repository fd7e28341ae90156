package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import io.vtdoracle.model.paging.LeafEnumeration;
import io.vtdoracle.model.roottable.RootTable;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.vtdoracle.api.ListenerFlag.MAP;
import static io.vtdoracle.api.ListenerFlag.UNMAP;
import static io.vtdoracle.model.notifier.ListenerSyncTest.DEVICE;
import static io.vtdoracle.model.notifier.ListenerSyncTest.TOP;
import static io.vtdoracle.model.notifier.Units.register;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VFIO contract as a property over seeded random guests that map, unmap and remap 4K, 2M and 1G pages (some
 * onto the interrupt window), invalidate what they changed, toggle translation and replay: each listener's events
 * applied in order to a VFIO type1 container never fail, stay inside the listener's effective range as aligned
 * blocks, and leave the container holding exactly the pieces of the tables' mappings.
 */
class ListenerPropertyTest {

    static final List<Integer> IDS = List.of(1, 2, 3);

    @Test
    void type1ContainersFollowTheTables() {
        Random random = new Random(7);
        for (int run = 0; run < 12; run++) {
            UnitState state = Units.attach(Units.translating(), DEVICE, 3, TOP);
            state = register(state, 1, DEVICE, 0, 0xFEDF_FFFFL, MAP, UNMAP);
            state = register(state, 2, DEVICE, 0xFEF0_0000L, -1L, MAP, UNMAP);
            state = register(state, 3, DEVICE, 0x1000, 0x4000_0FFFL, MAP, UNMAP);
            java.util.List<Type1Container> containers = IDS.map(id -> new Type1Container(new ListenerId(id)))
                    .toJavaList();
            for (int step = 0; step < 50; step++) {
                Transition transition = step(state, random);
                state = transition.state();
                for (Event event : transition.events()) {
                    if (event instanceof Event.ListenerNotified) {
                        assertContained(state, (Event.ListenerNotified) event);
                    }
                }
                for (Type1Container container : containers) {
                    container.apply(transition.events());
                }
                for (int i = 0; i < IDS.size(); i++) {
                    Listener listener = state.listeners().get(new ListenerId(IDS.get(i))).get();
                    assertThat(containers.get(i).mappings()).as("run %d step %d %s", run, step, listener.id())
                            .isEqualTo(Leaves.expected(listener, mappings(state)));
                }
            }
        }
    }

    /** One random guest action followed by the invalidation that covers it. */
    private static Transition step(UnitState state, Random random) {
        int level = 1 + random.nextInt(3);
        long mask = (1L << (12 + 9 * (level - 1))) - 1;
        long iova = (random.nextLong() & 0xFFFF_FFFFL) & ~mask;
        int addressMask = 9 * (level - 1);
        switch (random.nextInt(10)) {
            case 0:
                return ListenerSync.afterTranslationEnableChange(
                        Units.translationEnabled(state, !state.registers().translationEnabled()));
            case 1:
                return Units.replay(state, IDS.get(random.nextInt(IDS.size())));
            case 2:
                return ListenerSync.afterContextInvalidation(state, new ContextInvalidation.Global());
            case 3:
            case 4:
                UnitState unmapped = Units.write(state, Units.entry(TOP, iova, level), 0);
                return ListenerSync.afterIotlbInvalidation(unmapped,
                        new IotlbInvalidation.Page(3, iova, addressMask, false));
            default:
                long target = random.nextInt(4) == 0
                        ? 0xFEC0_0000L & ~mask
                        : (random.nextLong() & 0x1_FFFF_FFFFL) & ~mask;
                Permission permission = Permission.values()[1 + random.nextInt(3)];
                UnitState mapped = Units.map(state, TOP, iova, target, permission, level);
                int highest = highestChanged(state, mapped, iova, level);
                if (highest > level) {
                    // A directory entry was linked again to an old table: the guest invalidates all it reveals.
                    long span = (1L << (12 + 9 * (highest - 1))) - 1;
                    return ListenerSync.afterIotlbInvalidation(mapped,
                            new IotlbInvalidation.Page(3, iova & ~span, 9 * (highest - 1), false));
                }
                long page = iova + ((random.nextLong() & mask) & ~0xFFFL);
                return ListenerSync.afterIotlbInvalidation(mapped, random.nextBoolean()
                        ? new IotlbInvalidation.Page(3, page, 0, false)
                        : new IotlbInvalidation.Page(3, iova, addressMask, false));
        }
    }

    /** The highest level whose entry for {@code iova} changed from not present or leaf to a directory. */
    private static int highestChanged(UnitState before, UnitState after, long iova, int level) {
        for (int at = 3; at > level; at--) {
            long address = Units.entry(TOP, iova, at);
            long old = before.memory().read(address).get();
            if (old != after.memory().read(address).get() && ((old & 3) == 0 || (old & 1 << 7) != 0)) {
                return at;
            }
        }
        return level;
    }

    /** The leaves of the device as a fresh walk finds them; none while translation is disabled. */
    private static List<io.vtdoracle.model.paging.Leaf> mappings(UnitState state) {
        if (!state.registers().translationEnabled()) {
            return List.empty();
        }
        return LeafEnumeration.leaves(state.memory(), state.capabilities(),
                RootTable.resolve(state, DEVICE).get(), 0, -1L);
    }

    private static void assertContained(UnitState state, Event.ListenerNotified event) {
        Listener listener = state.listeners().get(event.listener()).get();
        IovaRange block = IovaRange.block(event.iova(), event.addressMask());
        assertThat(event.iova() & event.addressMask()).isZero();
        assertThat(listener.effectiveRange().exists(range -> range.intersect(block).contains(block)))
                .as("%s inside %s", event, listener.range()).isTrue();
    }
}
