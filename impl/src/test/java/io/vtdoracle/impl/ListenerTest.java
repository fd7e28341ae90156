package io.vtdoracle.impl;

import static io.vtdoracle.api.Event.NotificationType.DEVICE_IOTLB_UNMAP;
import static io.vtdoracle.api.Event.NotificationType.MAP;
import static io.vtdoracle.api.Event.NotificationType.UNMAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerTest {

    private static final int SID = 0x0010;
    private static final int DID = 3;
    private static final ListenerId L1 = new ListenerId(1);
    private static final ListenerId L2 = new ListenerId(2);
    private static final Set<ListenerFlag> VFIO = Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP);

    private static Event map(ListenerId id, long iova, long translated, long mask, Permission permission) {
        return new Event.ListenerNotified(id, MAP, iova, translated, mask, permission);
    }

    private static Event unmap(ListenerId id, long iova, long mask) {
        return new Event.ListenerNotified(id, UNMAP, iova, 0, mask, Permission.NONE);
    }

    private static Guest guest() {
        Guest guest = new Guest(Capabilities.DEFAULT.withDeviceTlb(true));
        guest.context(SID, DID, 3);
        guest.enableTranslation();
        return guest;
    }

    private static Result register(Guest guest, ListenerId id, long first, long last, Set<ListenerFlag> flags) {
        return guest.apply(new Operation.RegisterListener(id, new SourceId(SID), first, last, flags)).result();
    }

    private static List<Event> replay(Guest guest, ListenerId id) {
        return guest.apply(new Operation.Replay(id)).events();
    }

    @Test
    void refusalsComeInTheContractsOrder() {
        Guest guest = new Guest(Capabilities.DEFAULT.withCachingMode(false));
        assertThat(register(guest, L1, 0, 0xFFF, Set.of())).isEqualTo(
                new Result.ListenerRefused(Result.RefusalReason.NO_FLAGS));
        assertThat(register(guest, L1, 0x2000, 0x1000, Set.of(ListenerFlag.MAP))).isEqualTo(
                new Result.ListenerRefused(Result.RefusalReason.EMPTY_RANGE));
        assertThat(register(guest, L1, 0, -1L, Set.of(ListenerFlag.MAP))).isEqualTo(
                new Result.ListenerRefused(Result.RefusalReason.CACHING_MODE_REQUIRED));
        assertThat(register(guest, L1, 0, -1L, Set.of(ListenerFlag.DEVICE_IOTLB_UNMAP))).isEqualTo(
                new Result.ListenerRefused(Result.RefusalReason.DEVICE_TLB_NOT_SUPPORTED));
        assertThat(register(guest, L1, 0xFEF0_0000L, -1L, Set.of(ListenerFlag.UNMAP)))
                .as("ranges are unsigned").isEqualTo(Result.LISTENER_REGISTERED);
        assertThat(register(guest, L1, 0, 0, Set.of(ListenerFlag.UNMAP))).isEqualTo(
                new Result.ListenerRefused(Result.RefusalReason.DUPLICATE_LISTENER));
        assertThat(guest.apply(new Operation.Replay(L2)).result())
                .isEqualTo(new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER));
        assertThat(guest.apply(new Operation.UnregisterListener(L1)).result()).isEqualTo(Result.DONE);
        assertThat(guest.apply(new Operation.UnregisterListener(L1)).result())
                .isEqualTo(new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER));
    }

    @Test
    void replayMapsEveryLeafOnceAndThenNothing() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        guest.map(SID, 0x20_0000, 0x40_0000, 2, 1);
        assertThat(register(guest, L1, 0, -1L, VFIO)).isEqualTo(Result.LISTENER_REGISTERED);
        assertThat(replay(guest, L1)).containsExactly(
                map(L1, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE),
                map(L1, 0x20_0000, 0x40_0000, 0x1F_FFFF, Permission.READ));
        assertThat(replay(guest, L1)).isEmpty();
    }

    @Test
    void pageSelectiveInvalidationsMapNewAndUnmapRemovedPagesExactlyOnce() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0x3000, 0x8000, 1, 3);
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events())
                .containsExactly(map(L1, 0x3000, 0x8000, 0xFFF, Permission.READ_WRITE));
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events()).as("in sync").isEmpty();
        guest.map(SID, 0x3000, 0x9000, 1, 3);
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events()).as("a changed page: unmap, then map")
                .containsExactly(unmap(L1, 0x3000, 0xFFF), map(L1, 0x3000, 0x9000, 0xFFF, Permission.READ_WRITE));
        guest.mem(guest.entryAddress(SID, 0x3000, 2), 0);
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events()).as("a cleared directory entry")
                .containsExactly(unmap(L1, 0x3000, 0xFFF));
        assertThat(guest.invalidatePages(DID + 1, 0x3000, 0).events()).as("another domain").isEmpty();
    }

    @Test
    void aLeafThatTheRangeTouchesIsDeliveredWholeAsPiecesOfTheListenersRange() {
        Guest guest = guest();
        register(guest, L1, 0x1000, 0xFEDF_FFFFL, VFIO);
        guest.map(SID, 0, 0x4000_0000L, 2, 3);
        assertThat(guest.invalidatePages(DID, 0x10_0000, 0).events()).containsExactly(
                map(L1, 0x1000, 0x4000_1000L, 0xFFF, Permission.READ_WRITE),
                map(L1, 0x2000, 0x4000_2000L, 0x1FFF, Permission.READ_WRITE),
                map(L1, 0x4000, 0x4000_4000L, 0x3FFF, Permission.READ_WRITE),
                map(L1, 0x8000, 0x4000_8000L, 0x7FFF, Permission.READ_WRITE),
                map(L1, 0x1_0000, 0x4001_0000L, 0xFFFF, Permission.READ_WRITE),
                map(L1, 0x2_0000, 0x4002_0000L, 0x1_FFFF, Permission.READ_WRITE),
                map(L1, 0x4_0000, 0x4004_0000L, 0x3_FFFF, Permission.READ_WRITE),
                map(L1, 0x8_0000, 0x4008_0000L, 0x7_FFFF, Permission.READ_WRITE),
                map(L1, 0x10_0000, 0x4010_0000L, 0xF_FFFF, Permission.READ_WRITE));
    }

    @Test
    void piecesNeverEnterTheInterruptWindow() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0xFEC0_0000L, 0x1_0000_0000L - 0x40_0000L, 2, 3);
        guest.map(SID, 0xFEE0_0000L, 0x20_0000, 2, 3);
        assertThat(replay(guest, L1)).containsExactly(
                map(L1, 0xFEC0_0000L, 0xFFC0_0000L, 0x1F_FFFF, Permission.READ_WRITE),
                map(L1, 0xFEF0_0000L, 0x30_0000, 0xF_FFFF, Permission.READ_WRITE));
    }

    @Test
    void outputInTheWindowIsNotAMapping() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0x20_0000, 0xFEE0_0000L, 2, 3);
        assertThat(replay(guest, L1)).containsExactly(
                map(L1, 0x30_0000, 0xFEF0_0000L, 0xF_FFFF, Permission.READ_WRITE));
    }

    @Test
    void aTableOfConsecutiveFramesIsMappedAroundTheInterruptWindow() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        long firstFrame = 0xFEE0_0000L - 0x2000;
        for (long page = 0; page < 512; page++) {
            guest.map(SID, page << 12, firstFrame + (page << 12), 1, 3);
        }
        List<Event> expected = new ArrayList<>();
        for (long page = 0; page < 512; page++) {
            long frame = firstFrame + (page << 12);
            if (!Operation.inInterruptWindow(frame)) {
                expected.add(map(L1, page << 12, frame, 0xFFF, Permission.READ_WRITE));
            }
        }
        assertThat(expected).hasSize(512 - 256);
        assertThat(replay(guest, L1)).containsExactlyElementsOf(expected);
    }

    @Test
    void consecutiveWordsWhoseAddressCarriesIntoReservedBitsEndTheMappings() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        long lastFrame = (1L << 39) - 0x1000;
        guest.map(SID, 0, lastFrame - 0x1000, 1, 3);
        guest.map(SID, 0x1000, lastFrame, 1, 3);
        guest.map(SID, 0x2000, lastFrame + 0x1000, 1, 3);
        assertThat(replay(guest, L1)).as("bit 39 is reserved with a 39-bit address width").containsExactly(
                map(L1, 0, lastFrame - 0x1000, 0xFFF, Permission.READ_WRITE),
                map(L1, 0x1000, lastFrame, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void unmapOnlyListenersAreToldEveryInvalidatedRange() {
        Guest guest = guest();
        register(guest, L1, 0x2000, 0x5FFF, Set.of(ListenerFlag.UNMAP));
        assertThat(guest.invalidatePages(DID, 0, 3).events()).containsExactly(
                unmap(L1, 0x2000, 0x1FFF), unmap(L1, 0x4000, 0x1FFF));
        assertThat(guest.invalidatePages(DID, 0x8000, 0).events()).isEmpty();
    }

    @Test
    void mapOnlyListenersAreNotToldUnmapsButForgetThem() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, Set.of(ListenerFlag.MAP));
        guest.map(SID, 0x3000, 0x8000, 1, 3);
        guest.invalidatePages(DID, 0x3000, 0);
        guest.mem(guest.entryAddress(SID, 0x3000, 1), 0);
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events()).isEmpty();
        guest.map(SID, 0x3000, 0x8000, 1, 3);
        assertThat(guest.invalidatePages(DID, 0x3000, 0).events())
                .containsExactly(map(L1, 0x3000, 0x8000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void translationOffEmptiesThenSwitchesAndOnSwitchesThenRefills() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, -1L, VFIO);
        replay(guest, L1);
        assertThat(guest.gcmd(Guest.TE, false).events()).containsExactly(
                unmap(L1, 0x1000, 0xFFF),
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.IDENTITY));
        assertThat(guest.gcmd(Guest.TE, true).events()).containsExactly(
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.TRANSLATED),
                map(L1, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void aContextInvalidationSwitchesToPassThroughAndBack() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, 0xFEDF_FFFFL, VFIO);
        register(guest, L2, 0xFEF0_0000L, -1L, VFIO);
        replay(guest, L1);
        long lo = guest.mem(guest.contextTable(0) + SID * 16);
        guest.mem(guest.contextTable(0) + SID * 16, lo | 2 << 2);
        assertThat(guest.write64(Guest.CCMD, 1L << 63 | 3L << 61 | (long) SID << 16).events()).containsExactly(
                unmap(L1, 0x1000, 0xFFF),
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.IDENTITY));
        guest.mem(guest.contextTable(0) + SID * 16, lo);
        assertThat(guest.write64(Guest.CCMD, 1L << 63 | 1L << 61).events()).containsExactly(
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.TRANSLATED),
                map(L1, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void aNotPresentContextEmptiesTheShadowsOnAContextInvalidation() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, -1L, VFIO);
        replay(guest, L1);
        guest.mem(guest.contextTable(0) + SID * 16, 0);
        assertThat(guest.write64(Guest.CCMD, 1L << 63 | 2L << 61 | DID).events())
                .as("domain-selective: the shadow was built from that DID")
                .containsExactly(unmap(L1, 0x1000, 0xFFF));
    }

    @Test
    void eventsAreGroupedByListenerInAscendingId() {
        Guest guest = guest();
        register(guest, L2, 0, -1L, VFIO);
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        guest.map(SID, 0x2000, 0x6000, 1, 3);
        assertThat(guest.invalidatePages(DID, 0, 2).events()).containsExactly(
                map(L1, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE),
                map(L1, 0x2000, 0x6000, 0xFFF, Permission.READ_WRITE),
                map(L2, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE),
                map(L2, 0x2000, 0x6000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void deviceTlbInvalidationsReachDeviceTlbListenersOfThatSource() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, Set.of(ListenerFlag.DEVICE_IOTLB_UNMAP));
        long queue = guest.page();
        guest.write64(Guest.IQA, queue);
        guest.gcmd(Guest.QIE, true);
        guest.mem(queue, 3 | (long) SID << 32);
        guest.mem(queue + 8, 0x5000 | 1);
        assertThat(guest.write64(Guest.IQT, 1 << 4).events()).containsExactly(
                new Event.ListenerNotified(L1, DEVICE_IOTLB_UNMAP, 0x4000, 0, 0x3FFF, Permission.NONE));
    }

    @Test
    void unregisteringForgetsWithoutEvents() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, -1L, VFIO);
        replay(guest, L1);
        assertThat(guest.apply(new Operation.UnregisterListener(L1)).events()).isEmpty();
        register(guest, L1, 0, -1L, VFIO);
        assertThat(replay(guest, L1)).hasSize(1);
    }

    @Test
    void switchesToTranslatedComeFirstListenersByIdThenSwitchesToIdentity() {
        int other = SID + 8;
        Guest guest = guest();
        guest.context(other, DID + 1, 3);
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        guest.map(other, 0x2000, 0x6000, 1, 3);
        register(guest, L2, 0, -1L, VFIO);
        guest.apply(new Operation.RegisterListener(L1, new SourceId(other), 0, -1L, VFIO));
        replay(guest, L1);
        replay(guest, L2);
        assertThat(guest.gcmd(Guest.TE, false).events()).containsExactly(
                unmap(L1, 0x2000, 0xFFF),
                unmap(L2, 0x1000, 0xFFF),
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.IDENTITY),
                new Event.AddressSpaceSwitched(new SourceId(other), AddressSpaceView.IDENTITY));
        assertThat(guest.gcmd(Guest.TE, true).events()).containsExactly(
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.TRANSLATED),
                new Event.AddressSpaceSwitched(new SourceId(other), AddressSpaceView.TRANSLATED),
                map(L1, 0x2000, 0x6000, 0xFFF, Permission.READ_WRITE),
                map(L2, 0x1000, 0x5000, 0xFFF, Permission.READ_WRITE));
    }

    @Test
    void aPageInvalidationWidensToAHeldSuperpageThatNowHasSmallerLeaves() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0, 0x4000_0000L, 2, 3);
        assertThat(guest.invalidatePages(DID, 0, 9).events())
                .containsExactly(map(L1, 0, 0x4000_0000L, 0x1F_FFFF, Permission.READ_WRITE));
        guest.mem(guest.entryAddress(SID, 0, 2), 0);
        guest.map(SID, 0x1000, 0x7000, 1, 3);
        guest.map(SID, 0x1F_F000, 0x8000, 1, 1);
        assertThat(guest.invalidatePages(DID, 0x1F_F000, 0).events()).as("the top page widens to the held 2M")
                .containsExactly(unmap(L1, 0, 0x1F_FFFF),
                        map(L1, 0x1000, 0x7000, 0xFFF, Permission.READ_WRITE),
                        map(L1, 0x1F_F000, 0x8000, 0xFFF, Permission.READ));
    }

    @Test
    void aPageInvalidationWidensToACurrentSuperpageOverHeldSmallerLeaves() {
        Guest guest = guest();
        register(guest, L1, 0, -1L, VFIO);
        guest.map(SID, 0x1000, 0x7000, 1, 3);
        guest.map(SID, 0x3000, 0x8000, 1, 3);
        guest.invalidatePages(DID, 0, 2);
        guest.mem(guest.entryAddress(SID, 0, 2), 0);
        guest.map(SID, 0, 0x4000_0000L, 2, 3);
        assertThat(guest.invalidatePages(DID, 0x1F_F000, 0).events()).as("the top page widens to the new 2M")
                .containsExactly(unmap(L1, 0x1000, 0xFFF), unmap(L1, 0x3000, 0xFFF),
                        map(L1, 0, 0x4000_0000L, 0x1F_FFFF, Permission.READ_WRITE));
    }

    @Test
    void anIotlbInvalidationConcernsADeviceWhoseListenersHoldPiecesOfItsDomain() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, -1L, VFIO);
        replay(guest, L1);
        guest.context(SID, DID + 1, 3);
        assertThat(guest.invalidatePages(DID + 2, 0x1000, 0).events()).as("neither context nor pieces").isEmpty();
        assertThat(guest.invalidatePages(DID, 0x1000, 0).events()).as("pieces found through DID")
                .containsExactly(unmap(L1, 0x1000, 0xFFF));
        assertThat(guest.invalidatePages(DID, 0x1000, 0).events()).as("no piece, no context").isEmpty();
    }

    @Test
    void theStoredViewChangesOnlyOnTranslationChangesAndContextInvalidations() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0, -1L, VFIO);
        replay(guest, L1);
        long lo = guest.mem(guest.contextTable(0) + SID * 16);
        guest.mem(guest.contextTable(0) + SID * 16, lo | 2 << 2);
        assertThat(guest.write64(Guest.IOTLB, 1L << 63 | 1L << 60).events())
                .as("still TRANSLATED, with no mappings").containsExactly(unmap(L1, 0x1000, 0xFFF));
        assertThat(guest.write64(Guest.CCMD, 1L << 63 | 1L << 61).events())
                .containsExactly(new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.IDENTITY));
        guest.mem(guest.contextTable(0) + SID * 16, lo);
        assertThat(replay(guest, L1)).as("IDENTITY: a replay emits nothing").isEmpty();
        assertThat(guest.write64(Guest.IOTLB, 1L << 63 | 1L << 60).events()).as("IDENTITY: nor an IOTLB one")
                .isEmpty();
    }

    @Test
    void unmapOnlyListenersHearOnlyIotlbInvalidations() {
        Guest guest = guest();
        guest.map(SID, 0x1000, 0x5000, 1, 3);
        register(guest, L1, 0x1000, 0x1FFF, Set.of(ListenerFlag.UNMAP));
        assertThat(replay(guest, L1)).isEmpty();
        assertThat(guest.write64(Guest.CCMD, 1L << 63 | 1L << 61).events()).isEmpty();
        assertThat(guest.gcmd(Guest.TE, false).events()).containsExactly(
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.IDENTITY));
        assertThat(guest.invalidatePages(DID, 0x1000, 0).events()).as("IDENTITY").isEmpty();
        assertThat(guest.gcmd(Guest.TE, true).events()).containsExactly(
                new Event.AddressSpaceSwitched(new SourceId(SID), AddressSpaceView.TRANSLATED));
        assertThat(guest.invalidatePages(DID, 0, 4).events()).containsExactly(unmap(L1, 0x1000, 0xFFF));
    }
}
