package io.vtdoracle.scenarios;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vtdoracle.guest.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §4: primary fault logging in the fault recording registers and the fault event. Faults come from DMA
 * with translation enabled and an empty root table (1h, never qualified). Sources are distinct unless said, so
 * that no fault may be collapsed.
 */
public abstract class FaultRecordingScenarios {

    private static final FaultReason ROOT_NOT_PRESENT = FaultReason.ROOT_ENTRY_NOT_PRESENT;
    private static final long F = 1L << 63;
    private static final long T = 1L << 62;
    private static final long FE_ADDRESS = 0xFEE0_1000L;
    private static final int FE_DATA = 0x4041;

    protected abstract RemappingUnit.Factory factory();

    /** A unit translating with a root table of zeros: every DMA request faults with 1h. */
    private Guest faulting(int faultRecordingRegisters) {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT.withFaultRecordingRegisters(faultRecordingRegisters));
        guest.driver().setRootTable();
        guest.driver().enableTranslation();
        guest.write32(FEDATA, FE_DATA);
        guest.write32(FEADDR, FE_ADDRESS);
        return guest;
    }

    private static SourceId source(int n) {
        return new SourceId(0x100 + n);
    }

    private static Outcome dma(Guest guest, int n) {
        return guest.apply(new Operation.DmaRequest(source(n), 0x1234_5678L + n, Access.READ));
    }

    private static Event recorded(int index, int n, Access access) {
        return new Event.FaultRecorded(index, source(n), ROOT_NOT_PRESENT, 0x1234_5000L, access);
    }

    private static final Event FAULT_EVENT =
            new Event.InterruptRaised(Event.InterruptSource.FAULT_EVENT, FE_ADDRESS, FE_DATA);

    @Test
    void recordsTheFaultAndHoldsTheMaskedEventPending() {
        Guest guest = faulting(1);
        Outcome outcome = dma(guest, 1);
        assertThat(outcome).isEqualTo(new Outcome(new Result.DmaFault(ROOT_NOT_PRESENT),
                List.of(recorded(0, 1, Access.READ))));
        assertThat(guest.read64(FRCD)).isEqualTo(0x1234_5000L);
        assertThat(guest.read64(FRCD + 8)).isEqualTo(F | T | 1L << 32 | 0x101);
        assertThat(guest.read32(FSTS)).isEqualTo(PPF);
        assertThat(guest.read32(FECTL)).isEqualTo((IM | IP) & 0xFFFF_FFFFL);
    }

    @Test
    void writesAreRecordedWithTClear() {
        Guest guest = faulting(1);
        Outcome outcome = guest.apply(new Operation.DmaRequest(source(1), 0x1234_5678L, Access.WRITE));
        assertThat(outcome.events()).containsExactly(recorded(0, 1, Access.WRITE));
        assertThat(guest.read64(FRCD + 8)).isEqualTo(F | 1L << 32 | 0x101);
    }

    @Test
    void unmaskingSendsThePendingMessageOnce() {
        Guest guest = faulting(1);
        dma(guest, 1);
        assertThat(guest.write32(FECTL, 0).events()).containsExactly(FAULT_EVENT);
        assertThat(guest.read32(FECTL)).isZero();
        assertThat(guest.write32(FECTL, 0).events()).isEmpty();
    }

    @Test
    void unmaskedFaultEventIsSentAtOnce() {
        Guest guest = faulting(1);
        guest.write32(FEUADDR, 0x12);
        guest.write32(FECTL, 0);
        Event expected = new Event.InterruptRaised(Event.InterruptSource.FAULT_EVENT, 0x12L << 32 | FE_ADDRESS,
                FE_DATA);
        assertThat(dma(guest, 1).events()).containsExactly(recorded(0, 1, Access.READ), expected);
        assertThat(guest.read32(FECTL)).isZero();
    }

    @Test
    void overflowWhenTheNextRegisterIsPending() {
        Guest guest = faulting(1);
        guest.write32(FECTL, 0);
        dma(guest, 1);
        assertThat(dma(guest, 2).events()).isEmpty(); // PFO set, no new event: PPF was already set
        assertThat(guest.read32(FSTS)).isEqualTo(PFO | PPF);
        assertThat(guest.read64(FRCD + 8) & 0xFFFF).isEqualTo(0x101);
        guest.write64(FRCD + 8, F); // clear F; PFO still blocks recording
        assertThat(dma(guest, 3).events()).isEmpty();
        assertThat(guest.read32(FSTS)).isEqualTo(PFO);
        guest.write32(FSTS, PFO);
        assertThat(guest.read32(FSTS)).isZero();
        assertThat(dma(guest, 4).events()).containsExactly(recorded(0, 4, Access.READ), FAULT_EVENT);
    }

    @Test
    void overflowAloneRaisesTheFaultEvent() {
        Guest guest = faulting(1);
        dma(guest, 1);
        guest.write32(FRCD + 12, 0x8000_0000L); // clear F through the top dword: IP is cleared too
        assertThat(guest.read32(FECTL)).isEqualTo(IM & 0xFFFF_FFFFL);
        guest.write32(FECTL, 0);
        // next index is 0 again (n = 1) and F is clear: recorded.
        assertThat(dma(guest, 2).events()).containsExactly(recorded(0, 2, Access.READ), FAULT_EVENT);
    }

    @Test
    void recordsRoundRobinWithFriAtTheFirstPending() {
        Guest guest = faulting(4);
        for (int n = 0; n < 4; n++) {
            assertThat(dma(guest, n).events()).containsExactly(recorded(n, n, Access.READ));
        }
        assertThat(guest.read32(FSTS)).isEqualTo(PPF);
        guest.write64(FRCD + 8, F);
        assertThat(dma(guest, 4).events()).containsExactly(recorded(0, 4, Access.READ));
        assertThat(guest.read32(FSTS)).isEqualTo(PPF); // FRI stays 0: PPF was set
        assertThat(dma(guest, 5).events()).isEmpty();   // FRCD[1] pending: overflow
        assertThat(guest.read32(FSTS)).isEqualTo(PFO | PPF);
        for (int i = 0; i < 4; i++) {
            guest.write64(frcd(i) + 8, F);
        }
        guest.write32(FSTS, PFO);
        assertThat(dma(guest, 6).events()).containsExactly(recorded(1, 6, Access.READ));
        assertThat(guest.read32(FSTS)).isEqualTo(PPF | 1 << 8); // FRI = 1
    }

    @Test
    void clearingEveryConditionClearsThePendingInterrupt() {
        Guest guest = faulting(1);
        dma(guest, 1);
        dma(guest, 2);
        guest.write64(FRCD + 8, F);
        assertThat(guest.read32(FECTL)).isEqualTo((IM | IP) & 0xFFFF_FFFFL); // PFO still set
        guest.write32(FSTS, PFO);
        assertThat(guest.read32(FECTL)).isEqualTo(IM & 0xFFFF_FFFFL);
        assertThat(guest.write32(FECTL, 0).events()).isEmpty();
    }

    @Test
    void recordIsReadOnlyButF() {
        Guest guest = faulting(1);
        dma(guest, 1);
        guest.write64(FRCD, 0);
        guest.write64(FRCD + 8, 0x7FFF_FFFF_FFFF_FFFFL);
        assertThat(guest.read64(FRCD)).isEqualTo(0x1234_5000L);
        assertThat(guest.read64(FRCD + 8)).isEqualTo(F | T | 1L << 32 | 0x101);
        guest.write64(FRCD + 8, -1L);
        assertThat(guest.read64(FRCD + 8)).isEqualTo(T | 1L << 32 | 0x101);
        assertThat(guest.read32(FSTS)).isZero();
    }

    @Test
    void queueErrorIsAFaultEventConditionToo() {
        Guest guest = faulting(1);
        guest.write32(FECTL, 0);
        guest.driver().enableQueuedInvalidation();
        guest.driver().submit(new long[] {0x6, 0}); // type 6: invalid in legacy mode
        assertThat(guest.runEvents()).containsExactly(FAULT_EVENT);
        assertThat(guest.read32(FSTS)).isEqualTo(IQE);
        assertThat(dma(guest, 1).events()).containsExactly(recorded(0, 1, Access.READ)); // IQE already set
        guest.write32(FSTS, IQE);
        assertThat(guest.read32(FSTS)).isEqualTo(PPF);
    }
}
