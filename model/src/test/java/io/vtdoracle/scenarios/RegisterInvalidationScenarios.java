package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.vtdoracle.guest.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §6.1: register-based invalidation through CCMD and IOTLB_REG, and the granularity reported. */
public abstract class RegisterInvalidationScenarios {

    private static final SourceId DEVICE = new SourceId(0x0208);

    protected abstract RemappingUnit.Factory factory();

    private Guest guest() {
        return new Guest(factory(), Capabilities.DEFAULT);
    }

    /** CAIG = CIRG and ICC cleared; CIRG 0 is reserved: CAIG 0. DID, SID and FM stay as written. */
    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "2,2", "3,3"})
    void contextCommandReportsItsGranularity(int granularity, int actual) {
        Guest guest = guest();
        long command = Encoding.ccmd(granularity, 0x42, DEVICE, 2);
        guest.write64(CCMD, command);
        assertThat(guest.read64(CCMD)).isEqualTo(command & ~(1L << 63) | (long) actual << 59);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "2,2", "3,3"})
    void iotlbCommandReportsItsGranularity(int granularity, int actual) {
        Guest guest = guest();
        guest.write64(IVA, Encoding.iva(0x1234_5000L, 18, true));
        long command = Encoding.iotlbCommand(granularity, 0x42);
        guest.write64(IOTLB, command);
        assertThat(guest.read64(IOTLB)).isEqualTo(command & ~(1L << 63) | (long) actual << 57);
    }

    @Test
    void pageSelectiveAboveMamvIsNotPerformed() {
        Guest guest = guest();
        guest.write64(IVA, Encoding.iva(0x1234_5000L, 19, false));
        guest.write64(IOTLB, Encoding.iotlbCommand(3, 1));
        assertThat(guest.read64(IOTLB) >>> 57 & 3).isZero();
        assertThat(guest.read64(IOTLB) >>> 63).isZero();
    }

    @Test
    void onlyTheUpperDwordStartsACommand() {
        Guest guest = guest();
        guest.write32(CCMD + 4, 0xA000_0000L); // ICC, CIRG 1
        assertThat(guest.read64(CCMD)).isEqualTo(1L << 61 | 1L << 59);
        guest.write32(IOTLB, 0xFFFF_FFFFL); // low dword: nothing writable, nothing starts
        assertThat(guest.read64(IOTLB)).isZero();
    }

    @Test
    void commandsAreNotPerformedWhileQueuedInvalidationIsEnabled() {
        Guest guest = guest();
        guest.driver().enableQueuedInvalidation();
        guest.write64(CCMD, Encoding.ccmd(2, 5, null, 0));
        assertThat(guest.read64(CCMD)).isEqualTo(2L << 61 | 5);
        guest.write64(IVA, Encoding.iva(0x5000, 0, false));
        guest.write64(IOTLB, Encoding.iotlbCommand(3, 5));
        assertThat(guest.read64(IOTLB)).isEqualTo(3L << 60 | 3L << 48 | 5L << 32);
    }
}
