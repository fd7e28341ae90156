package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.vtdoracle.guest.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §6.2: the invalidation queue. Every descriptor type and granularity is accepted; malformed
 * descriptors set FSTS.IQE and leave the head at them with no effect; wait descriptors write status and raise
 * the invalidation completion event.
 */
public abstract class QueuedInvalidationScenarios {

    private static final SourceId DEVICE = new SourceId(0x0208);
    private static final long IE_ADDRESS = 0xFEE0_2000L;
    private static final int IE_DATA = 0x51;
    private static final Event COMPLETION =
            new Event.InterruptRaised(Event.InterruptSource.INVALIDATION_COMPLETION, IE_ADDRESS, IE_DATA);

    protected abstract RemappingUnit.Factory factory();

    private Guest queued(Capabilities capabilities) {
        Guest guest = new Guest(factory(), capabilities);
        guest.driver().enableQueuedInvalidation();
        guest.write32(IEDATA, IE_DATA);
        guest.write32(IEADDR, IE_ADDRESS);
        return guest;
    }

    private Guest queued() {
        return queued(Capabilities.DEFAULT);
    }

    private static long[] waitFor(Guest guest, int data) {
        return Encoding.invalidationWait(true, false, false, data, guest.driver().statusPage());
    }

    static Stream<long[]> validDescriptors() {
        return Stream.of(Encoding.contextGlobal(), Encoding.contextDomain(7), Encoding.contextDevice(7, DEVICE, 0),
                Encoding.contextDevice(7, DEVICE, 3), Encoding.iotlbGlobal(), Encoding.iotlbDomain(7),
                Encoding.iotlbPage(7, 0x1234_5000L, 0, false), Encoding.iotlbPage(7, 0x1234_5000L, 18, true),
                Encoding.interruptEntryCacheGlobal(), Encoding.interruptEntryCacheIndex(5, 3),
                Encoding.invalidationWait(false, false, true, 0, 0), Encoding.invalidationWait(false, false, false, 0, 0),
                new long[] {2 | 3 << 4, 0x1234_5000L}); // IOTLB page without drain hints
    }

    @ParameterizedTest
    @MethodSource("validDescriptors")
    void everyValidDescriptorIsConsumed(long[] descriptor) {
        Guest guest = queued();
        guest.driver().submit(descriptor);
        guest.driver().submit(waitFor(guest, 3));
        assertThat(guest.runEvents()).endsWith(new Event.StatusWritten(guest.driver().statusPage(), 3));
        assertThat(guest.read64(IQH)).isEqualTo(0x20);
        assertThat(guest.read32(FSTS)).isZero();
    }

    @Test
    void deviceTlbDescriptorsWithDeviceTlbSupport() {
        Guest guest = queued(Capabilities.DEFAULT.withDeviceTlb(true));
        guest.driver().submit(Encoding.deviceTlb(DEVICE, 0x1234_5000L, false));
        guest.driver().submit(Encoding.deviceTlb(DEVICE, 0x7FFF_F000L, true));
        guest.driver().submit(Encoding.deviceTlb(DEVICE, -1L, true));
        guest.driver().submit(new long[] {3 | 0x1F << 16 | 0xAL << 12 | 0xFFFL << 52 | (long) DEVICE.value() << 32,
                0x5000}); // MIP and PFSID are not reserved
        guest.run();
        assertThat(guest.read64(IQH)).isEqualTo(0x40);
        assertThat(guest.read32(FSTS)).isZero();
    }

    static Stream<long[]> malformedDescriptors() {
        return Stream.of(
                new long[] {0, 0}, new long[] {6, 0}, new long[] {7, 0}, new long[] {8, 0}, new long[] {0xF, 0},
                new long[] {5 | 1 << 9, 0}, new long[] {1 | 1 << 4 | 1 << 11, 0}, // type bits 11:9
                new long[] {1, 0}, new long[] {1 | 1 << 4 | 1 << 6, 0}, new long[] {1 | 1 << 4 | 1 << 12, 0},
                new long[] {1 | 1 << 4 | 1L << 50, 0}, new long[] {1 | 1 << 4, 1}, // context-cache
                new long[] {2, 0}, new long[] {2 | 1 << 4 | 1 << 8, 0}, new long[] {2 | 1 << 4 | 1 << 15, 0},
                new long[] {2 | 1 << 4 | 1L << 32, 0}, new long[] {2 | 1 << 4, 1 << 7},
                new long[] {2 | 3 << 4, 0x1000 | 19}, // IOTLB, AM above MAMV (18)
                new long[] {3, 0}, // device-TLB without ECAP.DT
                new long[] {4 | 1 << 5, 0}, new long[] {4 | 1 << 12, 0}, new long[] {4 | 1 << 16, 0},
                new long[] {4 | 1L << 48, 0}, new long[] {4, 1L << 63}, // interrupt entry cache
                new long[] {5 | 1 << 7, 0}, new long[] {5 | 1 << 12, 0}, new long[] {5 | 1 << 16, 0},
                new long[] {5, 1}, new long[] {5 | 1 << 5, 0x8000_0000L}); // status write outside memory
    }

    /** The malformed descriptor follows a valid wait: the wait runs, the bad one stops the queue at index 1. */
    @ParameterizedTest
    @MethodSource("malformedDescriptors")
    void malformedDescriptorSetsIqeAndStopsAtIt(long[] descriptor) {
        Guest guest = queued();
        guest.driver().submit(waitFor(guest, 1));
        guest.driver().submit(descriptor);
        guest.driver().submit(waitFor(guest, 2));
        List<Event> events = guest.runEvents();
        assertThat(events).containsExactly(new Event.StatusWritten(guest.driver().statusPage(), 1));
        assertThat(guest.read32(FSTS)).isEqualTo(IQE);
        assertThat(guest.read64(IQH)).isEqualTo(0x10);
        assertThat(guest.memory(guest.driver().statusPage())).isEqualTo(1);
        assertThat(guest.read32(FECTL)).isEqualTo((IM | IP) & 0xFFFF_FFFFL); // a fault event condition
    }

    @Test
    void malformedDeviceTlbDescriptors() {
        for (long[] descriptor : new long[][] {{3 | 1 << 4, 0}, {3 | 1 << 21, 0}, {3 | 1L << 48, 0}, {3, 2}}) {
            Guest guest = queued(Capabilities.DEFAULT.withDeviceTlb(true));
            guest.driver().submit(descriptor);
            guest.run();
            assertThat(guest.read32(FSTS)).isEqualTo(IQE);
            assertThat(guest.read64(IQH)).isZero();
        }
    }

    @Test
    void clearingIqeDoesNotRestartButTheNextTailWriteDoes() {
        Guest guest = queued();
        guest.driver().submit(new long[] {5 | 1 << 7, 0}); // reserved bit: IQE at index 0
        guest.driver().submit(waitFor(guest, 9));
        guest.run();
        assertThat(guest.read64(IQH)).isZero();
        // software repairs the descriptor in place, then clears IQE: nothing runs yet
        long queue = Guest.ARENA; // the first page the driver allocated
        guest.driver().writeWord(queue, Encoding.invalidationWait(false, false, true, 0, 0)[0]);
        assertThat(guest.write32(FSTS, IQE).events()).isEmpty();
        assertThat(guest.read64(IQH)).isZero();
        assertThat(guest.write64(IQT, 2 << 4).events())
                .containsExactly(new Event.StatusWritten(guest.driver().statusPage(), 9));
        assertThat(guest.read64(IQH)).isEqualTo(0x20);
    }

    @Test
    void tailBeyondTheQueueIsAnError() {
        Guest guest = queued(); // QS = 0: 256 entries
        guest.write64(IQT, 256 << 4);
        assertThat(guest.read32(FSTS)).isEqualTo(IQE);
        assertThat(guest.read64(IQH)).isZero();
    }

    @Test
    void unreadableDescriptorIsAnError() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        guest.write64(IQA, 0x8000_0000L); // the first page beyond 2 GiB of guest memory
        guest.write32(GCMD, QIE);
        guest.write64(IQT, 1 << 4);
        assertThat(guest.read32(FSTS)).isEqualTo(IQE);
        assertThat(guest.read64(IQH)).isZero();
    }

    @Test
    void queueSizeFollowsQs() {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        long queue = guest.driver().allocatePages(2);
        for (int i = 0; i < 300; i++) {
            guest.driver().writeWord(queue + 16L * i, Encoding.interruptEntryCacheGlobal()[0]);
        }
        guest.write64(IQA, queue | 1); // QS = 1: 512 entries, two pages
        guest.write32(GCMD, QIE);
        guest.write64(IQT, 300 << 4);
        assertThat(guest.read32(FSTS)).isZero();
        assertThat(guest.read64(IQH)).isEqualTo(300 << 4);
    }

    @Test
    void headWrapsAroundAtTheEndOfTheQueue() {
        Guest guest = queued(); // 256 entries
        for (int i = 0; i < 257; i++) {
            guest.driver().submit(Encoding.interruptEntryCacheGlobal());
        }
        guest.run();
        assertThat(guest.read32(FSTS)).isZero();
        assertThat(guest.read64(IQH)).isEqualTo(0x10);
    }

    @Test
    void waitWithStatusWriteOnly() {
        Guest guest = queued();
        long status = guest.driver().statusPage();
        guest.driver().submit(Encoding.invalidationWait(true, false, false, 0xCAFE_F00D, status + 4));
        assertThat(guest.runEvents()).containsExactly(new Event.StatusWritten(status + 4, 0xCAFE_F00D));
        assertThat(guest.memory(status)).isEqualTo(0xCAFE_F00DL << 32);
        assertThat(guest.read32(ICS)).isZero();
    }

    @Test
    void waitWithInterruptFlagSetsIwcAndHoldsTheMaskedEvent() {
        Guest guest = queued();
        guest.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
        assertThat(guest.runEvents()).isEmpty();
        assertThat(guest.read32(ICS)).isEqualTo(1);
        assertThat(guest.read32(IECTL)).isEqualTo((IM | IP) & 0xFFFF_FFFFL);
        assertThat(guest.write32(IECTL, 0).events()).containsExactly(COMPLETION);
        assertThat(guest.read32(IECTL)).isZero();
    }

    @Test
    void unmaskedCompletionEventIsSentOnceUntilIwcIsCleared() {
        Guest guest = queued();
        guest.write32(IECTL, 0);
        guest.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
        assertThat(guest.runEvents()).containsExactly(COMPLETION);
        guest.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
        assertThat(guest.runEvents()).isEmpty(); // IWC still set
        guest.write32(ICS, 1);
        assertThat(guest.read32(ICS)).isZero();
        guest.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
        assertThat(guest.runEvents()).containsExactly(COMPLETION);
    }

    @Test
    void clearingIwcClearsThePendingInterrupt() {
        Guest guest = queued();
        guest.driver().submit(Encoding.invalidationWait(false, true, false, 0, 0));
        guest.run();
        guest.write32(ICS, 1);
        assertThat(guest.read32(IECTL)).isEqualTo(IM & 0xFFFF_FFFFL);
        assertThat(guest.write32(IECTL, 0).events()).isEmpty();
    }

    @Test
    void statusWriteThenInterrupt() {
        Guest guest = queued();
        guest.write32(IECTL, 0);
        long status = guest.driver().statusPage();
        guest.driver().submit(Encoding.invalidationWait(true, true, true, 5, status));
        assertThat(guest.runEvents()).containsExactly(new Event.StatusWritten(status, 5), COMPLETION);
    }
}
