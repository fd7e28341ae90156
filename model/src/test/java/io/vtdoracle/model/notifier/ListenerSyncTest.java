package io.vtdoracle.model.notifier;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.invalidation.ContextInvalidation;
import io.vtdoracle.model.invalidation.IotlbInvalidation;
import org.junit.jupiter.api.Test;

import static io.vtdoracle.api.ListenerFlag.DEVICE_IOTLB_UNMAP;
import static io.vtdoracle.api.ListenerFlag.MAP;
import static io.vtdoracle.api.ListenerFlag.UNMAP;
import static io.vtdoracle.model.notifier.Notices.map;
import static io.vtdoracle.model.notifier.Notices.notified;
import static io.vtdoracle.model.notifier.Notices.switched;
import static io.vtdoracle.model.notifier.Notices.unmap;
import static io.vtdoracle.model.notifier.Units.attach;
import static io.vtdoracle.model.notifier.Units.register;
import static io.vtdoracle.model.notifier.Units.replay;
import static io.vtdoracle.model.notifier.Units.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §7.3 – §7.5 on hand-built unit states: what listeners are told after invalidations and TE changes. */
class ListenerSyncTest {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);
    static final SourceId OTHER = SourceId.of(0, 3, 0);
    static final long TOP = 0x10_0000;
    static final long TOP5 = 0x4000_0000L;
    static final Permission RW = Permission.READ_WRITE;

    /** DEVICE in domain 3 with four 4 KiB pages at IOVA 0..0x3FFF onto 0x8000_0000 - 0x1000·(i+1). */
    static UnitState fourPages() {
        UnitState state = attach(Units.translating(), DEVICE, 3, TOP);
        for (int i = 0; i < 4; i++) {
            state = Units.map(state, TOP, i * 0x1000L, 0x7FFF_F000L - i * 0x1000L, RW, 1);
        }
        return state;
    }

    /** fourPages with the two VFIO listeners registered on DEVICE and replayed. */
    static UnitState listening() {
        UnitState state = register(fourPages(), 1, DEVICE, 0, 0xFEDF_FFFFL, MAP, UNMAP);
        state = register(state, 2, DEVICE, 0xFEF0_0000L, -1L, MAP, UNMAP);
        return replay(replay(state, 1).state(), 2).state();
    }

    @Test
    void aPageSelectiveInvalidationMapsTheNewLeaf() {
        UnitState state = Units.map(listening(), TOP, 0x5000, 0x1234_5000L, Permission.READ, 1);
        Transition after = ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Page(3, 0x5000, 0, false));
        assertThat(after.events()).containsExactly(map(1, 0x5000, 0xFFF, 0x1234_5000L, Permission.READ));
        assertThat(ListenerSync.afterIotlbInvalidation(after.state(), new IotlbInvalidation.Global()).events())
                .isEmpty();
    }

    @Test
    void anInvalidationOfAnotherDomainTellsNothing() {
        UnitState state = Units.map(listening(), TOP, 0x5000, 0x1234_5000L, Permission.READ, 1);
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Page(4, 0x5000, 0, false))
                .events()).isEmpty();
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Domain(4)).events()).isEmpty();
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Domain(3)).events())
                .containsExactly(map(1, 0x5000, 0xFFF, 0x1234_5000L, Permission.READ));
    }

    /** Bug 36d2d52bdb: a directory entry made not present under a PSI unmaps everything that was under it. */
    @Test
    void anInvalidNonLeafEntryUnderAPsiUnmapsWhatWasUnderIt() {
        UnitState state = write(listening(), Units.entry(TOP, 0, 2), 0);
        Transition after = ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Page(3, 0, 9, false));
        assertThat(after.events()).containsExactly(unmap(1, 0, 0xFFF), unmap(1, 0x1000, 0xFFF),
                unmap(1, 0x2000, 0xFFF), unmap(1, 0x3000, 0xFFF));
    }

    /** H1: a reserved bit set on a mapped SL-PTE makes it no mapping, so the PSI unmaps it. */
    @Test
    void aReservedBitOnAMappedEntryUnmapsIt() {
        long pte = Units.entry(TOP, 0x1000, 1);
        UnitState state = listening();
        state = write(state, pte, state.memory().read(pte).get() | 1L << 11);
        Transition after = ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Page(3, 0x1000, 0, false));
        assertThat(after.events()).containsExactly(unmap(1, 0x1000, 0xFFF));
    }

    /** Bug c28b535d08: a not-present context entry empties the shadows, on context and on IOTLB invalidation. */
    @Test
    void aNotPresentContextEntryEmptiesTheShadows() {
        UnitState state = Units.context(listening(), DEVICE, 0, 0);
        var expected = new Event[] {unmap(1, 0, 0xFFF), unmap(1, 0x1000, 0xFFF), unmap(1, 0x2000, 0xFFF),
                unmap(1, 0x3000, 0xFFF)};
        Transition context = ListenerSync.afterContextInvalidation(state,
                new ContextInvalidation.Device(DEVICE, 0));
        assertThat(context.events()).containsExactly(expected);
        assertThat(context.state().listeners().get(new io.vtdoracle.api.ListenerId(1)).get().shadow().isEmpty())
                .isTrue();
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Domain(3)).events())
                .containsExactly(expected);
    }

    /**
     * Contract §7.5: the domain switch brings the listeners to the new domain with the fewest events: pieces both
     * domains map alike produce none. A domain-selective invalidation of the old DID covers the device.
     */
    @Test
    void theDomainSwitchTellsOnlyWhatDiffers() {
        UnitState state = listening();
        state = Units.map(state, TOP5, 0, 0x7FFF_F000L, RW, 1);          // same as domain 3
        state = Units.map(state, TOP5, 0x1000, 0x1111_1000L, RW, 1);     // differs
        state = Units.map(state, TOP5, 0x8000, 0x2222_2000L, RW, 1);     // new
        state = attach(state, DEVICE, 5, TOP5);
        assertThat(ListenerSync.afterContextInvalidation(state, new ContextInvalidation.Domain(4)).events())
                .isEmpty();
        Transition after = ListenerSync.afterContextInvalidation(state, new ContextInvalidation.Domain(3));
        assertThat(after.events()).containsExactly(unmap(1, 0x1000, 0xFFF), unmap(1, 0x2000, 0xFFF),
                unmap(1, 0x3000, 0xFFF), map(1, 0x1000, 0xFFF, 0x1111_1000L, RW),
                map(1, 0x8000, 0xFFF, 0x2222_2000L, RW));
        assertThat(ListenerSync.afterContextInvalidation(after.state(), new ContextInvalidation.Domain(5)).events())
                .isEmpty();
    }

    @Test
    void aDeviceSelectiveContextInvalidationCoversOnlyItsDevices() {
        UnitState state = Units.context(listening(), DEVICE, 0, 0);
        assertThat(ListenerSync.afterContextInvalidation(state, new ContextInvalidation.Device(OTHER, 0)).events())
                .isEmpty();
        // FM 3 ignores the function number: 00:04.7 covers 00:04.0.
        assertThat(ListenerSync.afterContextInvalidation(state,
                new ContextInvalidation.Device(SourceId.of(0, 4, 7), 3)).events()).hasSize(4);
    }

    /** Contract §7.5: TE=0 empties the shadows, then switches to IDENTITY; TE=1 switches, then maps. */
    @Test
    void translationDisableAndEnableSwitchTheView() {
        UnitState off = Units.translationEnabled(listening(), false);
        Transition disabled = ListenerSync.afterTranslationEnableChange(off);
        assertThat(disabled.events()).containsExactly(unmap(1, 0, 0xFFF), unmap(1, 0x1000, 0xFFF),
                unmap(1, 0x2000, 0xFFF), unmap(1, 0x3000, 0xFFF), switched(DEVICE, AddressSpaceView.IDENTITY));
        // In the IDENTITY view there are no mappings to tell, whatever is invalidated or replayed.
        assertThat(ListenerSync.afterIotlbInvalidation(disabled.state(), new IotlbInvalidation.Global()).events())
                .isEmpty();
        assertThat(replay(disabled.state(), 1).events()).isEmpty();
        Transition enabled =
                ListenerSync.afterTranslationEnableChange(Units.translationEnabled(disabled.state(), true));
        assertThat(enabled.events()).containsExactly(switched(DEVICE, AddressSpaceView.TRANSLATED),
                map(1, 0, 0xFFF, 0x7FFF_F000L, RW), map(1, 0x1000, 0xFFF, 0x7FFF_E000L, RW),
                map(1, 0x2000, 0xFFF, 0x7FFF_D000L, RW), map(1, 0x3000, 0xFFF, 0x7FFF_C000L, RW));
    }

    /** Contract §7.5: a pass-through context entry is the IDENTITY view, taken on the context invalidation. */
    @Test
    void passThroughSwitchesOnContextInvalidation() {
        UnitState state = Units.passThrough(listening(), DEVICE, 3);
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Page(3, 0x1000, 0, false))
                .events()).containsExactly(unmap(1, 0x1000, 0xFFF)); // no mappings now, view not yet switched
        Transition identity = ListenerSync.afterContextInvalidation(state, new ContextInvalidation.Global());
        assertThat(identity.events()).containsExactly(unmap(1, 0, 0xFFF), unmap(1, 0x1000, 0xFFF),
                unmap(1, 0x2000, 0xFFF), unmap(1, 0x3000, 0xFFF), switched(DEVICE, AddressSpaceView.IDENTITY));
        UnitState back = attach(identity.state(), DEVICE, 3, TOP);
        assertThat(ListenerSync.afterIotlbInvalidation(back, new IotlbInvalidation.Global()).events()).isEmpty();
        Transition translated = ListenerSync.afterContextInvalidation(back, new ContextInvalidation.Domain(3));
        assertThat(translated.events()).containsExactly(switched(DEVICE, AddressSpaceView.TRANSLATED),
                map(1, 0, 0xFFF, 0x7FFF_F000L, RW), map(1, 0x1000, 0xFFF, 0x7FFF_E000L, RW),
                map(1, 0x2000, 0xFFF, 0x7FFF_D000L, RW), map(1, 0x3000, 0xFFF, 0x7FFF_C000L, RW));
    }

    /**
     * Contract §7.4: switches to TRANSLATED first (ascending SID), then each listener's events in ascending
     * listener id, then switches to IDENTITY (ascending SID).
     */
    @Test
    void eventsAreOrderedBySwitchDirectionAndListenerId() {
        UnitState state = attach(fourPages(), OTHER, 3, TOP);
        state = register(state, 7, DEVICE, 0, 0x1FFF, MAP, UNMAP);
        state = register(state, 5, OTHER, 0x2000, 0x2FFF, MAP, UNMAP);
        state = register(state, 6, DEVICE, 0x3000, 0x3FFF, MAP, UNMAP);
        state = replay(replay(replay(state, 5).state(), 6).state(), 7).state();
        Transition off = ListenerSync.afterTranslationEnableChange(Units.translationEnabled(state, false));
        assertThat(off.events()).containsExactly(unmap(5, 0x2000, 0xFFF), unmap(6, 0x3000, 0xFFF),
                unmap(7, 0, 0xFFF), unmap(7, 0x1000, 0xFFF),
                switched(OTHER, AddressSpaceView.IDENTITY), switched(DEVICE, AddressSpaceView.IDENTITY));
        Transition on = ListenerSync.afterTranslationEnableChange(Units.translationEnabled(off.state(), true));
        assertThat(on.events()).containsExactly(
                switched(OTHER, AddressSpaceView.TRANSLATED), switched(DEVICE, AddressSpaceView.TRANSLATED),
                map(5, 0x2000, 0xFFF, 0x7FFF_D000L, RW), map(6, 0x3000, 0xFFF, 0x7FFF_C000L, RW),
                map(7, 0, 0xFFF, 0x7FFF_F000L, RW), map(7, 0x1000, 0xFFF, 0x7FFF_E000L, RW));
    }

    /** Bugs 7caebbf9ea, 3e090e3489: UNMAP-only listeners get UNMAP coverage for every IOTLB invalidation. */
    @Test
    void unmapOnlyListenersGetCoverageOfEveryInvalidation() {
        UnitState state = register(fourPages(), 9, DEVICE, 0xFE00_0000L, 0x1_0000_0FFFL, UNMAP);
        var whole = new Event[] {notified(9, NotificationType.UNMAP, 0xFE00_0000L, 0x7F_FFFFL),
                notified(9, NotificationType.UNMAP, 0xFE80_0000L, 0x3F_FFFFL),
                notified(9, NotificationType.UNMAP, 0xFEC0_0000L, 0x1F_FFFFL),
                notified(9, NotificationType.UNMAP, 0xFEF0_0000L, 0xF_FFFFL),
                notified(9, NotificationType.UNMAP, 0xFF00_0000L, 0xFF_FFFFL),
                notified(9, NotificationType.UNMAP, 0x1_0000_0000L, 0xFFF)};
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Global()).events())
                .containsExactly(whole);
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Domain(3)).events())
                .containsExactly(whole);
        assertThat(ListenerSync.afterIotlbInvalidation(state,
                new IotlbInvalidation.Page(3, 0xFEC0_0000L, 10, false)).events()).containsExactly(
                notified(9, NotificationType.UNMAP, 0xFEC0_0000L, 0x1F_FFFFL),
                notified(9, NotificationType.UNMAP, 0xFEF0_0000L, 0xF_FFFFL));
        assertThat(ListenerSync.afterIotlbInvalidation(state, new IotlbInvalidation.Domain(4)).events()).isEmpty();
    }

    @Test
    void deviceTlbInvalidationsReachTheDeviceIotlbListenersOfThatSource() {
        UnitState state = register(fourPages(), 1, DEVICE, 0x1000, 0x7_FFFF, DEVICE_IOTLB_UNMAP);
        state = register(state, 2, DEVICE, 0, -1L, MAP, UNMAP);
        state = register(state, 3, OTHER, 0, -1L, DEVICE_IOTLB_UNMAP);
        assertThat(ListenerSync.afterDeviceTlbInvalidation(state, DEVICE, 0, 0x1F_FFFF).events()).containsExactly(
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x1000, 0xFFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x2000, 0x1FFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x4000, 0x3FFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x8000, 0x7FFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x1_0000, 0xFFFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x2_0000, 0x1_FFFF),
                notified(1, NotificationType.DEVICE_IOTLB_UNMAP, 0x4_0000, 0x3_FFFF));
        assertThat(ListenerSync.afterDeviceTlbInvalidation(state, DEVICE, 0x10_0000, 0x10_0FFF).events())
                .isEmpty();
    }

    /** Bugs 9a4bb8391f, 03c7140c1a, H2: a 1 GiB leaf over the window reaches both VFIO listeners as pieces. */
    @Test
    void aGigabyteLeafOverTheWindowReachesBothListenersAsAlignedPieces() {
        UnitState state = Units.map(listening(), TOP, 0xC000_0000L, 0x4000_0000L, RW, 3);
        Transition after = ListenerSync.afterIotlbInvalidation(state,
                new IotlbInvalidation.Page(3, 0xC000_0000L, 0, false));
        assertThat(after.events()).containsExactly(
                map(1, 0xC000_0000L, 0x1FFF_FFFFL, 0x4000_0000L, RW),
                map(1, 0xE000_0000L, 0xFFF_FFFFL, 0x6000_0000L, RW),
                map(1, 0xF000_0000L, 0x7FF_FFFFL, 0x7000_0000L, RW),
                map(1, 0xF800_0000L, 0x3FF_FFFFL, 0x7800_0000L, RW),
                map(1, 0xFC00_0000L, 0x1FF_FFFFL, 0x7C00_0000L, RW),
                map(1, 0xFE00_0000L, 0x7F_FFFFL, 0x7E00_0000L, RW),
                map(1, 0xFE80_0000L, 0x3F_FFFFL, 0x7E80_0000L, RW),
                map(1, 0xFEC0_0000L, 0x1F_FFFFL, 0x7EC0_0000L, RW),
                map(2, 0xFEF0_0000L, 0xF_FFFFL, 0x7EF0_0000L, RW),
                map(2, 0xFF00_0000L, 0xFF_FFFFL, 0x7F00_0000L, RW));
        // Removing it with a PSI of one page anywhere in it unmaps all the pieces of both listeners.
        UnitState removed = write(after.state(), Units.entry(TOP, 0xC000_0000L, 3), 0);
        assertThat(ListenerSync.afterIotlbInvalidation(removed,
                new IotlbInvalidation.Page(3, 0xFF00_0000L, 0, false)).events()).hasSize(10)
                .allMatch(event -> ((Event.ListenerNotified) event).type() == NotificationType.UNMAP);
    }
}
