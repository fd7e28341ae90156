package io.vtdoracle.impl;

import static io.vtdoracle.impl.ScalableGuest.DEVICE;
import static io.vtdoracle.impl.ScalableGuest.PASID_TABLE;
import static io.vtdoracle.impl.ScalableGuest.PASS_THROUGH;
import static io.vtdoracle.impl.ScalableGuest.SECOND_STAGE_3_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.ScalableMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract §9.10: a VFIO listener of a scalable-mode device sees its second-stage mappings through RID_PASID, is
 * switched by PASID-cache invalidations, updated by IOTLB invalidations and not told of P_IOTLB ones.
 */
class ScalableListenerTest {

    private static final Capabilities CAPABILITIES = Capabilities.DEFAULT.withScalableMode(ScalableMode.ALL);
    private static final ListenerId LISTENER = new ListenerId(1);
    private static final long SS_TOP = 0x20_0000;
    private static final long SS_MIDDLE = 0x20_1000;
    private static final long SS_BOTTOM = 0x20_2000;
    private static final long IOVA = 0x3000;
    private static final long SS_LEAF = SS_BOTTOM + 3 * 8;
    private static final long OLD = 0x9000;
    private static final long NEW = 0xA000;

    private static ScalableGuest secondStage() {
        ScalableGuest guest = new ScalableGuest(CAPABILITIES).pasidEntry(SS_TOP | SECOND_STAGE_3_LEVEL, 0)
                .memory(SS_TOP, SS_MIDDLE | 3).memory(SS_MIDDLE, SS_BOTTOM | 3).memory(SS_LEAF, OLD | 3);
        assertThat(register(guest)).isEqualTo(new Result.ListenerRegistered());
        return guest;
    }

    private static Result register(ScalableGuest guest) {
        return guest.apply(new Operation.RegisterListener(LISTENER, DEVICE, 0, 0xFFFF_FFFFL,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP))).result();
    }

    private static Event map(long translated, Permission permission) {
        return new Event.ListenerNotified(LISTENER, Event.NotificationType.MAP, IOVA, translated, 0xFFF, permission);
    }

    private static Event unmap() {
        return new Event.ListenerNotified(LISTENER, Event.NotificationType.UNMAP, IOVA, 0, 0xFFF, Permission.NONE);
    }

    @Test
    void aPasidCacheInvalidationBringsTheSecondStageMappingsToTheListener() {
        ScalableGuest guest = secondStage();
        assertThat(guest.invalidatePasid().events()).containsExactly(map(OLD, Permission.READ_WRITE));
        assertThat(guest.invalidatePasid().events()).as("in sync").isEmpty();
    }

    @Test
    void anIotlbInvalidationOfTheDomainUpdatesTheListenerAndAPasidIotlbOneDoesNot() {
        ScalableGuest guest = secondStage();
        guest.invalidatePasid();
        guest.memory(SS_LEAF, NEW | 1);
        assertThat(guest.invalidatePasidMappings().events()).isEmpty();
        assertThat(guest.invalidatePasidPage(IOVA).events()).isEmpty();
        assertThat(guest.invalidatePage(IOVA).events()).containsExactly(unmap(), map(NEW, Permission.READ));
    }

    @Test
    void aPasidCacheInvalidationOfAnotherPasidCoversNoDevice() {
        ScalableGuest guest = secondStage();
        assertThat(guest.submit(7 | 1 << 4 | ScalableGuest.DID << 16 | 5L << 32, 0).events()).isEmpty();
        assertThat(guest.submit(7 | (ScalableGuest.DID + 1) << 16, 0).events()).as("another domain").isEmpty();
        assertThat(guest.submit(7 | ScalableGuest.DID << 16, 0).events()).as("the domain")
                .containsExactly(map(OLD, Permission.READ_WRITE));
    }

    @Test
    void passThroughIsTheIdentityViewAndASwitchToTheSecondStageFillsTheListener() {
        ScalableGuest guest = new ScalableGuest(CAPABILITIES).pasidEntry(PASS_THROUGH, 0)
                .memory(SS_TOP, SS_MIDDLE | 3).memory(SS_MIDDLE, SS_BOTTOM | 3).memory(SS_LEAF, OLD | 3);
        register(guest);
        guest.memory(PASID_TABLE, SS_TOP | SECOND_STAGE_3_LEVEL);
        assertThat(guest.invalidatePasid().events()).containsExactly(
                new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.TRANSLATED), map(OLD, Permission.READ_WRITE));
        guest.memory(PASID_TABLE, PASS_THROUGH);
        assertThat(guest.invalidateContexts().events()).as("a context-cache invalidation switches too")
                .containsExactly(unmap(), new Event.AddressSpaceSwitched(DEVICE, AddressSpaceView.IDENTITY));
    }
}
