package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.guest.Encoding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vtdoracle.guest.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §2.1: GCMD, one-shot and persistent bits, and what GSTS reports. */
public abstract class GlobalCommandScenarios {

    protected abstract RemappingUnit.Factory factory();

    private Guest guest(Capabilities capabilities) {
        return new Guest(factory(), capabilities);
    }

    private Guest guest() {
        return guest(Capabilities.DEFAULT);
    }

    @Test
    void translationEnableIsPersistentAndFollowedByTes() {
        Guest guest = guest();
        guest.write32(GCMD, TE);
        assertThat(guest.read32(GSTS)).isEqualTo(TE & 0xFFFF_FFFFL);
        assertThat(guest.read32(GCMD)).isZero();
        guest.write32(GCMD, TE);
        assertThat(guest.read32(GSTS)).isEqualTo(TE & 0xFFFF_FFFFL);
        guest.write32(GCMD, 0);
        assertThat(guest.read32(GSTS)).isZero();
    }

    @Test
    void rootTablePointerIsOneShotAndStaysSet() {
        Guest guest = guest();
        guest.write32(GCMD, SRTP);
        assertThat(guest.read32(GSTS)).isEqualTo(SRTP);
        guest.write32(GCMD, 0);
        assertThat(guest.read32(GSTS)).isEqualTo(SRTP);
    }

    @Test
    void aOneShotWriteWithoutPersistentBitsTurnsThemOff() {
        Guest guest = guest();
        guest.write32(GCMD, TE | IRE | CFI);
        assertThat(guest.read32(GSTS)).isEqualTo((TE | IRE | CFI) & 0xFFFF_FFFFL);
        guest.write32(GCMD, SRTP);
        assertThat(guest.read32(GSTS)).isEqualTo(SRTP);
    }

    @Test
    void interruptRemappingBitsActOnlyWithEcapIr() {
        Guest with = guest();
        with.write32(GCMD, SIRTP | IRE | CFI);
        assertThat(with.read32(GSTS)).isEqualTo(SIRTP | IRE | CFI);
        with.write32(GCMD, 0);
        assertThat(with.read32(GSTS)).isEqualTo(SIRTP);

        Guest without = guest(Capabilities.DEFAULT.withInterruptRemapping(false));
        without.write32(GCMD, SIRTP | IRE | CFI);
        assertThat(without.read32(GSTS)).isZero();
    }

    @Test
    void ignoredCommandBits() {
        Guest guest = guest();
        guest.write32(GCMD, 0x7 << 27 | 0x7F_FFFF); // SFL, EAFL, WBF and the reserved bits
        assertThat(guest.read32(GSTS)).isZero();
    }

    @Test
    void queuedInvalidationEnableSetsQiesAndProcessesPendingDescriptors() {
        Guest guest = guest();
        long queue = guest.driver().allocatePage();
        long status = guest.driver().allocatePage();
        guest.driver().writeWord(queue, Encoding.invalidationWait(true, false, false, 7, status)[0]);
        guest.driver().writeWord(queue + 8, status);
        guest.write64(IQA, queue);
        guest.write64(IQT, 1 << 4);
        assertThat(guest.read64(IQH)).isZero(); // QIES = 0: nothing processed
        List<Event> events = guest.write32(GCMD, QIE).events();
        assertThat(events).containsExactly(new Event.StatusWritten(status, 7));
        assertThat(guest.read32(GSTS)).isEqualTo(QIE);
        assertThat(guest.read64(IQH)).isEqualTo(0x10);
        assertThat(guest.memory(status)).isEqualTo(7);
    }

    @Test
    void queuedInvalidationDisableWithEmptyQueueResetsTheHead() {
        Guest guest = guest();
        guest.driver().enableQueuedInvalidation();
        guest.driver().submit(Encoding.interruptEntryCacheGlobal());
        guest.driver().submit(Encoding.interruptEntryCacheGlobal());
        guest.run();
        assertThat(guest.read64(IQH)).isEqualTo(0x20);
        guest.write32(GCMD, 0);
        assertThat(guest.read32(GSTS)).isZero();
        assertThat(guest.read64(IQH)).isZero();
        assertThat(guest.read64(IQT)).isEqualTo(0x20); // software's tail is left alone
    }

    @Test
    void queuedInvalidationDisableIsIgnoredWhileDescriptorsArePending() {
        Guest guest = guest();
        guest.driver().enableQueuedInvalidation();
        guest.driver().submit(new long[] {0, 0}); // type 0: invalid, IQE with head at it
        guest.run();
        assertThat(guest.read32(FSTS) & IQE).isEqualTo(IQE);
        guest.write32(GCMD, 0);
        assertThat(guest.read32(GSTS)).isEqualTo(QIE);
        assertThat(guest.read64(IQH)).isZero();
    }
}
