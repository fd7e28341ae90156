package io.vtdoracle.model.notifier;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Permission;
import io.vtdoracle.model.paging.Leaf;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Random;

import static io.vtdoracle.api.ListenerFlag.MAP;
import static io.vtdoracle.api.ListenerFlag.UNMAP;
import static io.vtdoracle.model.notifier.Leaves.huge;
import static io.vtdoracle.model.notifier.Leaves.large;
import static io.vtdoracle.model.notifier.Leaves.listener;
import static io.vtdoracle.model.notifier.Leaves.page;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §7.3: exact diffs of a listener's shadow against hand-made leaf lists. */
class ShadowSyncTest {

    static final Listener LOW = listener(1, 0, 0xFEDF_FFFFL, MAP, UNMAP);
    static final Listener HIGH = listener(2, 0xFEF0_0000L, -1L, MAP, UNMAP);
    static final ListenerId L1 = LOW.id();

    @Test
    void aFullSyncMapsEveryPieceOnceAndThenNothing() {
        List<Leaf> leaves = List.of(page(0, 0x9000, Permission.READ), large(0x20_0000, 0x4000_0000L));
        ListenerUpdate first = ShadowSync.sync(LOW, IovaRange.ALL, Leaves.of(1, leaves));
        assertThat(first.events()).containsExactly(
                map(0, 0xFFF, 0x9000, Permission.READ), map(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.READ_WRITE));
        assertThat(ShadowSync.sync(first.listener(), IovaRange.ALL, Leaves.of(1, leaves)).events()).isEmpty();
    }

    @Test
    void aChangedLeafInTheRangeIsUnmappedThenMapped() {
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL,
                Leaves.of(1, List.of(page(0x1000, 0x9000, Permission.READ_WRITE)))).listener();
        ListenerUpdate update = ShadowSync.sync(synced, new IovaRange(0x1000, 0x1FFF),
                Leaves.of(1, List.of(page(0x1000, 0x9000, Permission.READ))));
        assertThat(update.events()).containsExactly(unmap(0x1000, 0xFFF), map(0x1000, 0xFFF, 0x9000, Permission.READ));
    }

    @Test
    void changesOutsideTheInvalidatedRangeAreNotTold() {
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL, Leaves.of(1,
                List.of(page(0x1000, 0x9000, Permission.READ), page(0x5000, 0xA000, Permission.READ)))).listener();
        ListenerUpdate update = ShadowSync.sync(synced, new IovaRange(0x1000, 0x1FFF), Leaves.of(1, List.of()));
        assertThat(update.events()).containsExactly(unmap(0x1000, 0xFFF));
        assertThat(update.listener().shadow().all().map(ShadowEntry::piece))
                .containsExactly(new Piece(0x5000, 0xFFF, 0xA000, Permission.READ));
    }

    @Test
    void unmapsComeFirstThenMapsEachAscending() {
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL, Leaves.of(1,
                List.of(page(0x1000, 0x9000, Permission.READ), page(0x3000, 0xA000, Permission.READ)))).listener();
        ListenerUpdate update = ShadowSync.sync(synced, IovaRange.ALL, Leaves.of(1,
                List.of(page(0x0, 0xB000, Permission.READ), page(0x2000, 0xC000, Permission.READ))));
        assertThat(update.events()).containsExactly(unmap(0x1000, 0xFFF), unmap(0x3000, 0xFFF),
                map(0, 0xFFF, 0xB000, Permission.READ), map(0x2000, 0xFFF, 0xC000, Permission.READ));
    }

    @Test
    void aLeafTheRangeTouchesIsDeliveredWhole() {
        ListenerUpdate update = ShadowSync.sync(LOW, new IovaRange(0x25_5000, 0x25_5FFF),
                Leaves.of(1, List.of(large(0x20_0000, 0x4000_0000L))));
        assertThat(update.events()).containsExactly(map(0x20_0000, 0x1F_FFFF, 0x4000_0000L, Permission.READ_WRITE));
    }

    /** §6.5.1.2: an invalidation touching a large page removes it whole, so all its pieces are unmapped. */
    @Test
    void aHeldLeafTheRangeTouchesIsUnmappedWhole() {
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL,
                Leaves.of(1, List.of(huge(0xC000_0000L, 0x1_0000_0000L)))).listener();
        assertThat(synced.shadow().all()).hasSize(8);
        ListenerUpdate update = ShadowSync.sync(synced, new IovaRange(0xF000_0000L, 0xF000_0FFFL),
                Leaves.of(1, List.of()));
        assertThat(update.events()).containsExactly(unmap(0xC000_0000L, 0x1FFF_FFFFL), unmap(0xE000_0000L, 0xFFF_FFFFL),
                unmap(0xF000_0000L, 0x7FF_FFFFL), unmap(0xF800_0000L, 0x3FF_FFFFL), unmap(0xFC00_0000L, 0x1FF_FFFFL),
                unmap(0xFE00_0000L, 0x7F_FFFFL), unmap(0xFE80_0000L, 0x3F_FFFFL), unmap(0xFEC0_0000L, 0x1F_FFFFL));
        assertThat(update.listener().shadow().isEmpty()).isTrue();
    }

    @Test
    void aHeldLargeLeafSplitIntoPagesIsReplacedWhole() {
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL,
                Leaves.of(1, List.of(large(0x20_0000, 0x4000_0000L)))).listener();
        List<Leaf> split = List.of(page(0x20_0000, 0x4000_0000L, Permission.READ_WRITE),
                page(0x3F_F000, 0x401F_F000L, Permission.READ_WRITE));
        ListenerUpdate update = ShadowSync.sync(synced, new IovaRange(0x20_0000, 0x20_0FFF), Leaves.of(1, split));
        assertThat(update.events()).containsExactly(unmap(0x20_0000, 0x1F_FFFF),
                map(0x20_0000, 0xFFF, 0x4000_0000L, Permission.READ_WRITE),
                map(0x3F_F000, 0xFFF, 0x401F_F000L, Permission.READ_WRITE));
    }

    /** Contract §7.3: the shared pieces of a new domain produce no events; the shadow takes the new domain-id. */
    @Test
    void identicalPiecesOfAnotherDomainProduceNoEvents() {
        List<Leaf> leaves = List.of(page(0x1000, 0x9000, Permission.READ));
        Listener synced = ShadowSync.sync(LOW, IovaRange.ALL, Leaves.of(1, leaves)).listener();
        ListenerUpdate update = ShadowSync.sync(synced, IovaRange.ALL, Leaves.of(7, leaves));
        assertThat(update.events()).isEmpty();
        assertThat(update.listener().shadow().holdsDomain(7)).isTrue();
        assertThat(update.listener().shadow().holdsDomain(1)).isFalse();
    }

    /** Contract §7.4: a MAP-only listener hears no UNMAP, but its shadow is updated as if it had. */
    @Test
    void aMapOnlyListenerHearsNoUnmapButForgets() {
        Listener mapOnly = listener(3, 0, 0xFEDF_FFFFL, MAP);
        Listener synced = ShadowSync.sync(mapOnly, IovaRange.ALL,
                Leaves.of(1, List.of(page(0x1000, 0x9000, Permission.READ)))).listener();
        ListenerUpdate update = ShadowSync.sync(synced, IovaRange.ALL,
                Leaves.of(1, List.of(page(0x1000, 0xA000, Permission.READ))));
        assertThat(update.events()).containsExactly(
                new Event.ListenerNotified(mapOnly.id(), NotificationType.MAP, 0x1000, 0xA000, 0xFFF, Permission.READ));
        assertThat(update.listener().shadow().all().map(ShadowEntry::piece))
                .containsExactly(new Piece(0x1000, 0xFFF, 0xA000, Permission.READ));
    }

    @Test
    void aListenerWithoutMapKeepsNoShadow() {
        Listener unmapOnly = listener(4, 0, -1L, UNMAP);
        ListenerUpdate update = ShadowSync.sync(unmapOnly, IovaRange.ALL,
                Leaves.of(1, List.of(page(0x1000, 0x9000, Permission.READ))));
        assertThat(update.events()).isEmpty();
        assertThat(update.listener()).isEqualTo(unmapOnly);
    }

    @Test
    void unmapOnlyCoverageIsTheRangeInTheEffectiveRangeAsPieces() {
        Listener unmapOnly = listener(4, 0xFE00_0000L, 0xFFFF_FFFFL, UNMAP);
        assertThat(ShadowSync.cover(unmapOnly, NotificationType.UNMAP, IovaRange.ALL).events()).containsExactly(
                unmapOf(4, 0xFE00_0000L, 0x7F_FFFFL), unmapOf(4, 0xFE80_0000L, 0x3F_FFFFL),
                unmapOf(4, 0xFEC0_0000L, 0x1F_FFFFL), unmapOf(4, 0xFEF0_0000L, 0xF_FFFFL),
                unmapOf(4, 0xFF00_0000L, 0xFF_FFFFL));
    }

    /**
     * The VFIO contract as a property, on seeded random leaf changes: applying each listener's events in order
     * to a type1 container never fails, every event stays in the listener's effective range as an aligned block,
     * and after each invalidation that covers the change the container holds exactly the leaves' pieces.
     */
    @Test
    void type1ContainersFollowTheTablesThroughRandomChanges() {
        Random random = new Random(20261126);
        List<Listener> listeners = List.of(LOW, HIGH, listener(3, 0x1000, 0x4000_0FFFL, MAP, UNMAP));
        for (int run = 0; run < 20; run++) {
            List<Listener> current = listeners;
            java.util.List<Type1Container> containers = new ArrayList<>();
            current.forEach(listener -> containers.add(new Type1Container(listener.id())));
            List<Leaf> leaves = List.empty();
            for (int step = 0; step < 60; step++) {
                int level = 1 + random.nextInt(3);
                long mask = (1L << (12 + 9 * (level - 1))) - 1;
                long slot = (random.nextLong() & 0xFFFF_FFFFL) & ~mask;
                IovaRange slotRange = IovaRange.block(slot, mask);
                leaves = leaves.filter(leaf -> !Pieces.span(leaf).meets(slotRange));
                IovaRange invalidated = slotRange;
                if (random.nextInt(10) < 7) {
                    long target = random.nextInt(4) == 0
                            ? 0xFEC0_0000L & ~mask
                            : (random.nextLong() & 0x1_FFFF_FFFFL) & ~mask;
                    Permission permission = Permission.values()[1 + random.nextInt(3)];
                    leaves = leaves.append(new Leaf(slot, mask, target, permission));
                    long page = slot + ((random.nextLong() & mask) & ~0xFFFL);
                    invalidated = random.nextBoolean() ? new IovaRange(page, page + 0xFFF) : slotRange;
                }
                if (random.nextInt(10) == 0) {
                    invalidated = IovaRange.ALL;
                }
                DeviceMappings mappings = Leaves.of(1, leaves);
                java.util.List<Listener> next = new ArrayList<>();
                for (int i = 0; i < current.size(); i++) {
                    ListenerUpdate update = ShadowSync.sync(current.get(i), invalidated, mappings);
                    for (Event event : update.events()) {
                        Event.ListenerNotified notified = (Event.ListenerNotified) event;
                        IovaRange block = IovaRange.block(notified.iova(), notified.addressMask());
                        assertThat(notified.iova() & notified.addressMask()).isZero();
                        assertThat(update.listener().effectiveRange().exists(range -> range.intersect(block)
                                .contains(block))).as("%s inside %s", event, update.listener().range()).isTrue();
                    }
                    containers.get(i).apply(update.events());
                    assertThat(containers.get(i).mappings()).isEqualTo(Leaves.expected(current.get(i), leaves));
                    next.add(update.listener());
                }
                current = List.ofAll(next);
            }
        }
    }

    private static Event map(long iova, long mask, long translated, Permission permission) {
        return new Event.ListenerNotified(L1, NotificationType.MAP, iova, translated, mask, permission);
    }

    private static Event unmap(long iova, long mask) {
        return unmapOf(1, iova, mask);
    }

    private static Event unmapOf(int listener, long iova, long mask) {
        return new Event.ListenerNotified(new ListenerId(listener), NotificationType.UNMAP, iova, 0, mask,
                Permission.NONE);
    }
}
