package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.vtdoracle.guest.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Contract §2: the register block, reset values, masks, read-only and write-1-to-clear bits, access rules. */
public abstract class RegisterScenarios {

    protected abstract RemappingUnit.Factory factory();

    private Guest guest() {
        return guest(Capabilities.DEFAULT);
    }

    private Guest guest(Capabilities capabilities) {
        return new Guest(factory(), capabilities);
    }

    @Test
    void defaultCapabilitiesAreQemus() {
        Guest guest = guest();
        assertThat(guest.read64(CAP)).isEqualTo(0x00d2008c22260286L);
        assertThat(guest.read64(ECAP)).isEqualTo(0xf00f4aL);
    }

    @Test
    void capabilityFieldsFollowTheKnobs() {
        Capabilities capabilities = Capabilities.DEFAULT.withAddressWidth(48).withCachingMode(false)
                .withSuperpages(false).withFaultRecordingRegisters(4).withMaxAddressMaskValue(9)
                .withGuestMemoryBytes(0x8000_0000L);
        long cap = guest(capabilities).read64(CAP);
        assertThat(cap & 7).isEqualTo(6);                  // ND
        assertThat(cap >>> 7 & 1).isZero();                // CM
        assertThat(cap >>> 8 & 0x1F).isEqualTo(0x6);       // SAGAW: 39 and 48 bit
        assertThat(cap >>> 16 & 0x3F).isEqualTo(47);       // MGAW
        assertThat(cap >>> 24 & 0x3FF).isEqualTo(0x22);    // FRO
        assertThat(cap >>> 34 & 3).isZero();               // SLLPS
        assertThat(cap >>> 39 & 1).isEqualTo(1);           // PSI
        assertThat(cap >>> 40 & 0xFF).isEqualTo(3);        // NFR
        assertThat(cap >>> 48 & 0x3F).isEqualTo(9);        // MAMV
        assertThat(cap >>> 54 & 3).isEqualTo(3);           // DWD, DRD
    }

    @Test
    void extendedCapabilityFieldsFollowTheKnobs() {
        Capabilities all = Capabilities.DEFAULT.withDeviceTlb(true).withExtendedInterruptMode(true);
        assertThat(guest(all).read64(ECAP)).isEqualTo(0xf00f5eL);
        Capabilities none = Capabilities.DEFAULT.withInterruptRemapping(false).withPassThrough(false);
        assertThat(guest(none).read64(ECAP)).isEqualTo(0xf02L);
    }

    @ParameterizedTest
    @CsvSource({"0x00,0x10", "0x18,0", "0x1C,0", "0x20,0", "0x24,0", "0x28,0", "0x2C,0", "0x34,0", "0x38,0x80000000",
            "0x3C,0", "0x40,0", "0x44,0", "0x80,0", "0x88,0", "0x90,0", "0x9C,0", "0xA0,0x80000000", "0xA4,0",
            "0xA8,0", "0xAC,0", "0xB8,0", "0xF0,0", "0xF8,0", "0xFC,0", "0x220,0", "0x228,0", "0x22C,0",
            "0x04,0", "0x30,0", "0x64,0", "0x100,0", "0x21C,0"})
    void resetValues(int offset, long value) {
        assertThat(guest().read32(offset)).isEqualTo(value);
    }

    /** Writing all ones to a register reads back its readable, writable bits only. */
    @ParameterizedTest
    @CsvSource({
            "0x20, 0xFFFFFFFFFFFFFC00",  // RTADDR: RTA 63:12, TTM 11:10
            "0x28, 0x78000003FFFFFFFF",  // CCMD: ICC=1, CIRG=3 invalidates: ICC cleared, CAIG=3
            "0x40, 0xFFFFFFFFFFFFFFFC",  // FEADDR 31:2, FEUADDR
            "0x88, 0x000000000007FFF0",  // IQT
            "0x90, 0xFFFFFFFFFFFFF007",  // IQA: DW reads 0
            "0xA8, 0xFFFFFFFFFFFFFFFC",  // IEADDR, IEUADDR
            "0xB8, 0xFFFFFFFFFFFFF00F",  // IRTA: EIME only with ECAP.EIM
            "0xF0, 0xFFFFFFFFFFFFF07F",  // IVA
    })
    void writableBitsReadBack(int offset, String expected) {
        Guest guest = guest();
        guest.write64(offset, -1L);
        assertThat(guest.read64(offset)).isEqualTo(Long.parseUnsignedLong(expected.substring(2), 16));
    }

    @Test
    void dataRegistersKeepAllBits() {
        Guest guest = guest();
        guest.write32(FEDATA, 0xFFFF_FFFFL);
        guest.write32(IEDATA, 0x8765_4321L);
        assertThat(guest.read32(FEDATA)).isEqualTo(0xFFFF_FFFFL);
        assertThat(guest.read32(IEDATA)).isEqualTo(0x8765_4321L);
    }

    @Test
    void irtaExtendedInterruptModeBitNeedsEim() {
        Guest guest = guest(Capabilities.DEFAULT.withExtendedInterruptMode(true));
        guest.write64(IRTA, -1L);
        assertThat(guest.read64(IRTA)).isEqualTo(0xFFFF_FFFF_FFFF_F80FL);
    }

    @Test
    void readOnlyRegistersIgnoreWrites() {
        Guest guest = guest();
        for (int offset : new int[] {VER, CAP, CAP + 4, ECAP, ECAP + 4, GSTS, IQH, IQH + 4, FRCD, FRCD + 4,
                FRCD + 8}) {
            assertThat(guest.write32(offset, 0xFFFF_FFFFL).result()).isEqualTo(Result.DONE);
        }
        assertThat(guest.read32(VER)).isEqualTo(0x10);
        assertThat(guest.read64(CAP)).isEqualTo(0x00d2008c22260286L);
        assertThat(guest.read64(ECAP)).isEqualTo(0xf00f4aL);
        assertThat(guest.read32(GSTS)).isZero();
        assertThat(guest.read64(IQH)).isZero();
        assertThat(guest.read64(FRCD)).isZero();
        assertThat(guest.read64(FRCD + 8)).isZero();
        assertThat(guest.read32(FSTS)).isZero();
    }

    @Test
    void iotlbRegisterKeepsWritableFieldsAndClearsIvt() {
        Guest guest = guest();
        guest.write64(IOTLB, 0x2003_1234_0000_0000L | 1L << 63); // IVT, IIRG 2, DR, DW, DID 0x1234
        assertThat(guest.read64(IOTLB)).isEqualTo(0x2403_1234_0000_0000L); // IAIG 2
    }

    @Test
    void controlRegistersKeepImAndIgnoreIp() {
        Guest guest = guest();
        guest.write32(FECTL, 0x7FFF_FFFFL);
        guest.write32(IECTL, 0xFFFF_FFFFL);
        assertThat(guest.read32(FECTL)).isZero();
        assertThat(guest.read32(IECTL)).isEqualTo(0x8000_0000L);
    }

    @Test
    void statusRegistersIgnoreWritesOfOnesWhenClear() {
        Guest guest = guest();
        guest.write32(FSTS, 0xFFFF_FFFFL);
        guest.write32(ICS, 0xFFFF_FFFFL);
        assertThat(guest.read32(FSTS)).isZero();
        assertThat(guest.read32(ICS)).isZero();
    }

    @Test
    void eightByteAccessIsTwoDwords() {
        Guest guest = guest();
        guest.write64(FEADDR, 0x1234_5678_9ABC_DEF3L); // FEADDR low, FEUADDR high
        assertThat(guest.read32(FEADDR)).isEqualTo(0x9ABC_DEF0L);
        assertThat(guest.read32(FEUADDR)).isEqualTo(0x1234_5678L);
        guest.write32(RTADDR + 4, 0xABCDL);
        guest.write32(RTADDR, 0x5000L);
        assertThat(guest.read64(RTADDR)).isEqualTo(0xABCD_0000_5000L);
        assertThat(guest.read32(RTADDR + 4)).isEqualTo(0xABCDL);
        assertThat(guest.read64(GCMD)).isZero(); // GCMD and GSTS together
    }

    @ParameterizedTest
    @CsvSource({"0,2", "0,1", "0,16", "4,8", "2,4", "-4,4", "-8,8", "0x230,4", "0x230,8", "0x228,16", "0x7FFFFFFC,4"})
    void badAccessesAreIgnored(int offset, int size) {
        Guest guest = guest();
        Result ignored = new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS);
        assertThat(guest.apply(new Operation.ReadRegister(offset, size))).isEqualTo(Outcome.of(ignored));
        assertThat(guest.apply(new Operation.WriteRegister(offset, size, -1L))).isEqualTo(Outcome.of(ignored));
    }

    @Test
    void blockGrowsWithFaultRecordingRegisters() {
        Guest guest = guest(Capabilities.DEFAULT.withFaultRecordingRegisters(2));
        assertThat(guest.apply(new Operation.ReadRegister(0x238, 8)).result()).isEqualTo(new Result.Value(0));
        assertThat(guest.apply(new Operation.ReadRegister(0x240, 4)).result())
                .isEqualTo(new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS));
    }

    @Test
    void reservedOffsetsReadZeroAndIgnoreWrites() {
        Guest guest = guest();
        assertThat(guest.write64(0x60, -1L).result()).isEqualTo(Result.DONE);
        assertThat(guest.write32(0x30, 0xFFFF_FFFFL).result()).isEqualTo(Result.DONE);
        assertThat(guest.read64(0x60)).isZero();
        assertThat(guest.read32(0x30)).isZero();
    }
}
