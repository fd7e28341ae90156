package io.vtdoracle.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.MsiMessage;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.Registers;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Contract §5: interrupt requests, remapped through IRTEs, passed through, or blocked with a recorded fault. */
public abstract class InterruptRemappingScenarios {

    private static final SourceId DEVICE = SourceId.of(2, 4, 1);
    private static final Capabilities X2APIC = Capabilities.DEFAULT.withExtendedInterruptMode(true);

    protected abstract RemappingUnit.Factory factory();

    /** A guest with a 2^(S+1)-entry table (S = 7: 256 entries) and interrupt remapping enabled. */
    private Guest guest(Capabilities capabilities, boolean extended) {
        Guest guest = new Guest(factory(), capabilities);
        guest.driver().enableInterruptRemapping(7, extended);
        guest.run();
        return guest;
    }

    private Guest guest() {
        return guest(Capabilities.DEFAULT, false);
    }

    private static Outcome interrupt(Guest guest, SourceId source, long address, int data) {
        return guest.apply(new Operation.InterruptRequest(source, address, data));
    }

    private static Outcome interrupt(Guest guest, int handle, boolean subhandleValid, int data) {
        return interrupt(guest, DEVICE, Encoding.remappableAddress(handle, subhandleValid), data);
    }

    private static long irte(int vector, int destination) {
        return Encoding.irteLow(true, false, false, false, false, 0, vector, destination);
    }

    private static Outcome forwarded(long address, int data) {
        return Outcome.of(new Result.InterruptForwarded(new MsiMessage(address, data)));
    }

    private static Outcome recorded(FaultReason reason, long index) {
        return new Outcome(new Result.InterruptFault(reason),
                List.of(new Event.FaultRecorded(0, DEVICE, reason, index << 48, Access.WRITE)));
    }

    @Test
    void withoutInterruptRemappingRequestsPassUnchanged() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        assertThat(interrupt(guest, DEVICE, 0xFEE0_1013L, 0x1234_5678))
                .isEqualTo(forwarded(0xFEE0_1013L, 0x1234_5678));
    }

    @Test
    void remapsToAnXapicMessage() {
        Guest guest = guest();
        guest.driver().writeIrte(3, Encoding.irteLow(true, false, true, true, false, 1, 0x41,
                Encoding.xapicDestination(0x12)), 0);
        assertThat(interrupt(guest, 3, false, 0xFFFF_FFFF)).isEqualTo(forwarded(0xFEE1_200CL, 0x141));
        // level-triggered: TM and level asserted
        guest.driver().writeIrte(4, Encoding.irteLow(true, false, false, false, true, 0, 0x42,
                Encoding.xapicDestination(1)), 0);
        assertThat(interrupt(guest, 4, false, 0)).isEqualTo(forwarded(0xFEE0_1000L, 0xC042));
    }

    @Test
    void remapsToAnX2apicMessageWithTheExtendedDestination() {
        Guest guest = guest(X2APIC, true);
        guest.driver().writeIrte(5, irte(0x30, 0x1234_5678), 0);
        assertThat(interrupt(guest, 5, false, 0)).isEqualTo(forwarded(0x1234_56_00_FEE7_8000L, 0x30));
    }

    @Test
    void theSubhandleIsAddedToTheHandle() {
        Guest guest = guest();
        guest.driver().writeIrte(9, irte(0x51, Encoding.xapicDestination(2)), 0);
        assertThat(interrupt(guest, 4, true, 5)).isEqualTo(forwarded(0xFEE0_2000L, 0x51));
        // without SHV the data is not an index
        assertThat(interrupt(guest, 4, false, 5)).isEqualTo(recorded(FaultReason.IR_ENTRY_NOT_PRESENT, 4));
    }

    @Test
    void reservedRequestBitsAre20h() {
        Guest guest = guest();
        guest.driver().writeIrte(3, irte(0x41, 0), 0);
        assertThat(interrupt(guest, 3, true, 0x1_0000)).isEqualTo(recorded(FaultReason.IR_REQUEST_RESERVED, 3));
    }

    @Test
    void anIndexBeyondTheTableIs21h() {
        Guest guest = guest();
        assertThat(interrupt(guest, 256, false, 0)).isEqualTo(recorded(FaultReason.IR_INDEX_BEYOND_TABLE, 256));
        // handle bit 15 comes from address bit 2
        Guest other = guest();
        assertThat(interrupt(other, 0x8000, false, 0))
                .isEqualTo(recorded(FaultReason.IR_INDEX_BEYOND_TABLE, 0x8000));
        Guest sub = guest();
        assertThat(interrupt(sub, 200, true, 56)).isEqualTo(recorded(FaultReason.IR_INDEX_BEYOND_TABLE, 256));
    }

    @Test
    void anUnreadableEntryIs23h() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        guest.write64(Registers.IRTA, 0x7FFF_F000L | 15);
        guest.write32(Registers.GCMD, Registers.SIRTP);
        guest.write32(Registers.GCMD, Registers.IRE);
        assertThat(interrupt(guest, 0x1000, false, 0)).isEqualTo(recorded(FaultReason.IR_TABLE_ACCESS_ERROR,
                0x1000));
    }

    @Test
    void aNotPresentEntryIs22h() {
        assertThat(interrupt(guest(), 7, false, 0)).isEqualTo(recorded(FaultReason.IR_ENTRY_NOT_PRESENT, 7));
    }

    @Test
    void reservedEntryBitsAre24h() {
        long good = irte(0x41, Encoding.xapicDestination(3));
        for (long bit : new long[] {1L << 12, 1L << 15, 1L << 24, 1L << 32, 1L << 48}) {
            Guest guest = guest();
            guest.driver().writeIrte(1, good | bit, 0);
            assertThat(interrupt(guest, 1, false, 0)).as("bit %x", bit)
                    .isEqualTo(recorded(FaultReason.IR_ENTRY_RESERVED, 1));
        }
        Guest high = guest();
        high.driver().writeIrte(1, good, 1L << 20);
        assertThat(interrupt(high, 1, false, 0)).isEqualTo(recorded(FaultReason.IR_ENTRY_RESERVED, 1));
        // AVAIL (11:8) is not reserved; in x2APIC mode the whole DST is the destination
        Guest avail = guest();
        avail.driver().writeIrte(1, good | 0xF00, 0);
        assertThat(interrupt(avail, 1, false, 0)).isEqualTo(forwarded(0xFEE0_3000L, 0x41));
        Guest x2apic = guest(X2APIC, true);
        x2apic.driver().writeIrte(1, irte(0x41, 0xFFFF_FFFF), 0);
        assertThat(interrupt(x2apic, 1, false, 0)).isEqualTo(forwarded(0xFFFF_FF00_FEEF_F000L, 0x41));
    }

    @Test
    void sourceIdVerification() {
        long low = irte(0x41, Encoding.xapicDestination(3));
        Outcome delivered = forwarded(0xFEE0_3000L, 0x41);
        Outcome refused = recorded(FaultReason.IR_SOURCE_ID_INVALID, 1);
        record Case(long high, Outcome expected) {
        }
        int sid = DEVICE.value(); // 02:04.1 = 0x0221
        for (Case c : List.of(
                new Case(Encoding.irteHigh(0x9999, 0, Encoding.SVT_NONE), delivered),
                new Case(Encoding.irteHigh(sid, 0, Encoding.SVT_REQUESTER_ID), delivered),
                new Case(Encoding.irteHigh(sid ^ 1, 0, Encoding.SVT_REQUESTER_ID), refused),
                // SQ 1 ignores function bit 2, SQ 2 bits 2:1, SQ 3 bits 2:0
                new Case(Encoding.irteHigh(sid ^ 4, 1, Encoding.SVT_REQUESTER_ID), delivered),
                new Case(Encoding.irteHigh(sid ^ 1, 1, Encoding.SVT_REQUESTER_ID), refused),
                new Case(Encoding.irteHigh(sid ^ 6, 2, Encoding.SVT_REQUESTER_ID), delivered),
                new Case(Encoding.irteHigh(sid ^ 1, 2, Encoding.SVT_REQUESTER_ID), refused),
                new Case(Encoding.irteHigh(sid ^ 7, 3, Encoding.SVT_REQUESTER_ID), delivered),
                new Case(Encoding.irteHigh(sid ^ 8, 3, Encoding.SVT_REQUESTER_ID), refused),
                // SVT 2: start bus in SID 15:8, end bus in SID 7:0
                new Case(Encoding.irteHigh(0x0103, 0, Encoding.SVT_BUS_RANGE), delivered),
                new Case(Encoding.irteHigh(0x0202, 0, Encoding.SVT_BUS_RANGE), delivered),
                new Case(Encoding.irteHigh(0x0301, 0, Encoding.SVT_BUS_RANGE), refused),
                new Case(Encoding.irteHigh(0x0001, 0, Encoding.SVT_BUS_RANGE), refused),
                new Case(Encoding.irteHigh(sid, 0, 3), refused))) {
            Guest guest = guest();
            guest.driver().writeIrte(1, low, c.high());
            assertThat(interrupt(guest, 1, false, 0)).as("high %x", c.high()).isEqualTo(c.expected());
        }
    }

    @Test
    void faultProcessingDisableSuppressesEntryFaultsOnly() {
        long fpd = Encoding.irteLow(false, true, false, false, false, 0, 0x41, 0);
        Guest notPresent = guest();
        notPresent.driver().writeIrte(1, fpd, 0);
        assertThat(interrupt(notPresent, 1, false, 0))
                .isEqualTo(Outcome.of(new Result.InterruptFault(FaultReason.IR_ENTRY_NOT_PRESENT)));
        Guest reserved = guest();
        reserved.driver().writeIrte(1, fpd | 1 | 1L << 12, 0);
        assertThat(interrupt(reserved, 1, false, 0))
                .isEqualTo(Outcome.of(new Result.InterruptFault(FaultReason.IR_ENTRY_RESERVED)));
        Guest source = guest();
        source.driver().writeIrte(1, fpd | 1, Encoding.irteHigh(0, 0, Encoding.SVT_REQUESTER_ID));
        assertThat(interrupt(source, 1, false, 0))
                .isEqualTo(Outcome.of(new Result.InterruptFault(FaultReason.IR_SOURCE_ID_INVALID)));
        // a request fault comes before the entry is used: recorded
        Guest request = guest();
        request.driver().writeIrte(1, fpd | 1, 0);
        assertThat(interrupt(request, 1, true, 0x1_0000)).isEqualTo(recorded(FaultReason.IR_REQUEST_RESERVED, 1));
    }

    @Test
    void compatibilityFormat() {
        long compatible = 0xFEE0_1000L;
        Guest blocked = guest();
        assertThat(interrupt(blocked, DEVICE, compatible, 0x31))
                .isEqualTo(recorded(FaultReason.IR_COMPATIBILITY_BLOCKED, 0));
        Guest passing = guest();
        passing.driver().enableCompatibilityFormat(true);
        assertThat(interrupt(passing, DEVICE, compatible, 0x31)).isEqualTo(forwarded(compatible, 0x31));
        Guest extended = guest(X2APIC, true);
        extended.driver().enableCompatibilityFormat(true);
        assertThat(interrupt(extended, DEVICE, compatible, 0x31))
                .isEqualTo(recorded(FaultReason.IR_COMPATIBILITY_BLOCKED, 0));
    }

    @Test
    void aDmaWriteToTheWindowIsAnInterruptWithDataZero() {
        Guest guest = guest();
        guest.driver().writeIrte(2, irte(0x41, Encoding.xapicDestination(3)), 0);
        assertThat(guest.apply(new Operation.DmaRequest(DEVICE, Encoding.remappableAddress(2, true), Access.WRITE)))
                .isEqualTo(forwarded(0xFEE0_3000L, 0x41));
    }
}
