package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §7: the VFIO enablement traced in the QEMU RFC "VT-d: vfio enablement and misc enhances", rebuilt from guest
 * memory and register writes only. Device 00:04.0 has the context entry {@code hi 0x301 lo 0x3be77001} (domain 3,
 * 3-level tables at 0x3be77000 → 0x3c88a000 → 0x366cb000) and leaves at IOVA 0x0..0xe000 onto 0x366cb000 with
 * permission 3; VFIO listens on both sides of the interrupt window.
 */
public abstract class VfioEnablementScenarios {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);
    static final ListenerId BELOW = new ListenerId(1);
    static final ListenerId ABOVE = new ListenerId(2);
    static final long TRACE_TARGET = 0x366c_b000L;
    static final int LEAVES = 15;

    protected abstract RemappingUnit.Factory factory();

    /** The guest of the trace: tables written, translation enabled, caches invalidated, VFIO listening. */
    private Guest traceGuest() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        GuestDriver driver = guest.driver();
        driver.setRootTable();
        driver.writeContext(DEVICE, 0x3be7_7001L, 0x301L);
        driver.writeWord(0x3be7_7000L, 0x3c88_a003L);           // level 3, index 0
        driver.writeWord(0x3c88_a000L, 0x366c_b003L);           // level 2, index 0
        for (int i = 0; i < LEAVES; i++) {
            driver.writeWord(0x366c_b000L + 8L * i, TRACE_TARGET | 3); // level 1: IOVA i·4K → 0x366cb000, R+W
        }
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        assertThat(guest.runEvents()).isEmpty();
        assertThat(register(guest, BELOW, 0, 0xFEDF_FFFFL).result()).isEqualTo(Result.LISTENER_REGISTERED);
        assertThat(register(guest, ABOVE, 0xFEF0_0000L, -1L).result()).isEqualTo(Result.LISTENER_REGISTERED);
        return guest;
    }

    @Test
    void replayMapsTheTracePagesToTheListenerBelowTheWindow() {
        Guest guest = traceGuest();
        Outcome below = guest.apply(new Operation.Replay(BELOW));
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < LEAVES; i++) {
            expected.add(map(BELOW, i * 0x1000L, TRACE_TARGET));
        }
        assertThat(below.result()).isEqualTo(Result.DONE);
        assertThat(below.events()).containsExactlyElementsOf(expected);
        assertThat(guest.apply(new Operation.Replay(ABOVE)).events()).isEmpty();
        // In sync: replaying again tells nothing (bug e80c1e4c7d).
        assertThat(guest.apply(new Operation.Replay(BELOW)).events()).isEmpty();
    }

    @Test
    void aPageSelectiveInvalidationAfterAnUnmapUnmapsThatPage() {
        Guest guest = traceGuest();
        guest.apply(new Operation.Replay(BELOW));
        guest.driver().writeWord(0x366c_b000L + 8 * 3, 0);
        guest.driver().invalidateIotlbPage(InvalidationPath.REGISTER, 3, 0x3000, 0, false);
        assertThat(guest.runEvents()).containsExactly(unmap(BELOW, 0x3000, 0xFFF));
    }

    @Test
    void aNewPageIsMappedOnTheQueuedInvalidationOfItsDomain() {
        Guest guest = traceGuest();
        guest.apply(new Operation.Replay(BELOW));
        guest.driver().enableQueuedInvalidation();
        guest.driver().writeWord(0x366c_b000L + 8 * 0x20, 0x1234_5001L);
        guest.driver().invalidateIotlbDomain(InvalidationPath.QUEUE, 3);
        List<Event> listenerEvents = new ArrayList<>();
        guest.runEvents().stream().filter(event -> event instanceof Event.ListenerNotified)
                .forEach(listenerEvents::add);
        assertThat(listenerEvents).containsExactly(new Event.ListenerNotified(BELOW, NotificationType.MAP, 0x2_0000,
                0x1234_5000L, 0xFFF, Permission.READ));
    }

    /** Bug c28b535d08: detaching the device (context not present) empties its listeners. */
    @Test
    void detachingTheDeviceEmptiesItsListeners() {
        Guest guest = traceGuest();
        guest.apply(new Operation.Replay(BELOW));
        guest.driver().detach(DEVICE);
        guest.driver().invalidateContextDevice(InvalidationPath.REGISTER, 3, DEVICE);
        List<Event> expected = new ArrayList<>();
        for (int i = 0; i < LEAVES; i++) {
            expected.add(unmap(BELOW, i * 0x1000L, 0xFFF));
        }
        assertThat(guest.runEvents()).containsExactlyElementsOf(expected);
    }

    /** Bug 2cc9ddcceb: TE=0 empties the listeners, then switches the device to the IDENTITY view; TE=1 refills. */
    @Test
    void disablingTranslationSwitchesToIdentityAndEnablingBack() {
        Guest guest = traceGuest();
        guest.apply(new Operation.Replay(BELOW));
        guest.driver().disableTranslation();
        List<Event> off = guest.runEvents();
        assertThat(off).hasSize(LEAVES + 1);
        assertThat(off.get(0)).isEqualTo(unmap(BELOW, 0, 0xFFF));
        assertThat(off.get(LEAVES)).isEqualTo(new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.IDENTITY));
        guest.driver().enableTranslation();
        List<Event> on = guest.runEvents();
        assertThat(on).hasSize(LEAVES + 1);
        assertThat(on.get(0)).isEqualTo(new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.TRANSLATED));
        assertThat(on.get(1)).isEqualTo(map(BELOW, 0, TRACE_TARGET));
    }

    private static Outcome register(Guest guest, ListenerId id, long first, long last) {
        return guest.apply(new Operation.RegisterListener(id, DEVICE, first, last,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
    }

    private static Event map(ListenerId listener, long iova, long translated) {
        return new Event.ListenerNotified(listener, NotificationType.MAP, iova, translated, 0xFFF,
                Permission.READ_WRITE);
    }

    private static Event unmap(ListenerId listener, long iova, long mask) {
        return new Event.ListenerNotified(listener, NotificationType.UNMAP, iova, 0, mask, Permission.NONE);
    }
}
