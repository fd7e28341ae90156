package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.SourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** §6.5.2: what valid descriptors decode to (their fields reach the caches and listeners). */
class DescriptorsTest {

    private static final Capabilities DT = Capabilities.DEFAULT.withDeviceTlb(true).withMaxAddressMaskValue(63);

    private static Option<Descriptor> decode(long low, long high) {
        return Descriptors.decode(List.of(low, high), DT, false);
    }

    @Test
    void contextCacheGranularities() {
        assertThat(decode(0x11, 0)).contains(new ContextCacheDescriptor(new ContextInvalidation.Global()));
        assertThat(decode(0x21 | 0xBEEFL << 16, 0))
                .contains(new ContextCacheDescriptor(new ContextInvalidation.Domain(0xBEEF)));
        assertThat(decode(0x31 | 0x0208L << 32 | 2L << 48, 0)).contains(new ContextCacheDescriptor(
                new ContextInvalidation.Device(new SourceId(0x0208), 2)));
    }

    @Test
    void iotlbGranularitiesAndPageAlignment() {
        assertThat(decode(0x12, 0)).contains(new IotlbDescriptor(new IotlbInvalidation.Global()));
        assertThat(decode(0x22 | 7L << 16, 0)).contains(new IotlbDescriptor(new IotlbInvalidation.Domain(7)));
        assertThat(decode(0x32 | 7L << 16, 0x1234_5000L | 1 << 6 | 4)).contains(new IotlbDescriptor(
                new IotlbInvalidation.Page(7, 0x1234_0000L, 4, true)));
    }

    @Test
    void pageRangeIsTotalForLargeMasks() {
        IotlbInvalidation.Page page = IotlbInvalidation.Page.aligned(1, 0xFFFF_FFFF_FFFF_F000L, 63, false);
        assertThat(page.first()).isZero();
        assertThat(page.last()).isEqualTo(-1L);
        IotlbInvalidation.Page two = IotlbInvalidation.Page.aligned(1, 0x3000, 1, false);
        assertThat(two.first()).isEqualTo(0x2000);
        assertThat(two.last()).isEqualTo(0x3FFF);
    }

    @ParameterizedTest
    @CsvSource({
            "0x12345000, 0, 0x12345000, 0x12345FFF",
            "0x00000000, 1, 0x00000000, 0x00001FFF",
            "0x00001000, 1, 0x00000000, 0x00003FFF",
            "0x7FFFF000, 1, 0x00000000, 0xFFFFFFFF",
            "0x12346000, 1, 0x12346000, 0x12347FFF"})
    void deviceTlbSizes(String address, int size, String first, String last) {
        long high = Long.decode(address) | size;
        assertThat(decode(0x3 | 0x0208L << 32, high)).contains(
                new DeviceTlbDescriptor(new SourceId(0x0208), Long.decode(first), Long.decode(last)));
    }

    @Test
    void deviceTlbOfTheWholeSpace() {
        assertThat(decode(0x3, -1L & ~0xFFEL)).contains(new DeviceTlbDescriptor(new SourceId(0), 0, -1L));
        assertThat(decode(0x3, 0x3FFF_FFFF_FFFF_F001L))
                .contains(new DeviceTlbDescriptor(new SourceId(0), 0, Long.MAX_VALUE));
    }

    @Test
    void waitFields() {
        assertThat(decode(0x75 | 0xDEAD_BEEFL << 32, 0x9_0004L))
                .contains(new WaitDescriptor(true, true, 0x9_0004L, 0xDEAD_BEEF));
    }

    @Test
    void functionMaskIgnoresTheMostSignificantFunctionBits() {
        SourceId device = SourceId.of(3, 4, 5);
        assertThat(new ContextInvalidation.Device(device, 0).covers(SourceId.of(3, 4, 1))).isFalse();
        assertThat(new ContextInvalidation.Device(device, 1).covers(SourceId.of(3, 4, 1))).isTrue();
        assertThat(new ContextInvalidation.Device(device, 1).covers(SourceId.of(3, 4, 4))).isFalse();
        assertThat(new ContextInvalidation.Device(device, 2).covers(SourceId.of(3, 4, 3))).isTrue();
        assertThat(new ContextInvalidation.Device(device, 2).covers(SourceId.of(3, 4, 0))).isFalse();
        assertThat(new ContextInvalidation.Device(device, 3).covers(SourceId.of(3, 4, 0))).isTrue();
        assertThat(new ContextInvalidation.Device(device, 3).covers(SourceId.of(3, 5, 5))).isFalse();
    }

    @Test
    void aDeviceInvalidationCoversExactlyTheSourceIdsItLists() {
        for (int fm = 0; fm < 4; fm++) {
            ContextInvalidation.Device device = new ContextInvalidation.Device(SourceId.of(3, 4, 5), fm);
            var covering = io.vavr.collection.List.range(0, 0x10000).map(SourceId::new).filter(device::covers);
            assertThat(device.covered()).containsExactlyInAnyOrderElementsOf(covering).hasSize(1 << fm);
        }
    }

    private static Option<Descriptor> scalable(long low, long high) {
        return Descriptors.decode(List.of(low, high, 0L, 0L), DT, true);
    }

    @Test
    void pasidBasedIotlbDescriptorsCarryDomainPasidAndAlignedRange() {
        assertThat(scalable(0x26 | 7L << 16 | 0x12345L << 32, 0xFFFF_F000L))
                .contains(new PasidIotlbDescriptor(new PasidIotlbInvalidation.Pasid(7, 0x12345)));
        assertThat(scalable(0x36 | 7L << 16 | 5L << 32, 0x1234_5000L | 1 << 6 | 4))
                .contains(new PasidIotlbDescriptor(new PasidIotlbInvalidation.PageWithinPasid(5,
                        new IotlbInvalidation.Page(7, 0x1234_0000L, 4, true))));
    }

    @Test
    void pasidCacheDescriptorsCarryTheirGranularity() {
        assertThat(scalable(0x07 | 7L << 16, 0))
                .contains(new PasidCacheDescriptor(new PasidCacheInvalidation.Domain(7)));
        assertThat(scalable(0x17 | 7L << 16 | 3L << 32, 0))
                .contains(new PasidCacheDescriptor(new PasidCacheInvalidation.Pasid(7, 3)));
        assertThat(scalable(0x37, 0)).contains(new PasidCacheDescriptor(new PasidCacheInvalidation.Global()));
    }

    @Test
    void scalableTypesAreInvalidInLegacyModeAndEveryTypeWithBits255To128() {
        assertThat(Descriptors.decode(List.of(0x37L, 0L, 0L, 0L), DT, false)).isEmpty();
        assertThat(Descriptors.decode(List.of(0x26L, 0L, 0L, 0L), DT, false)).isEmpty();
        assertThat(Descriptors.decode(List.of(0x11L, 0L, 0L, 0L), DT, false)).isNotEmpty();
        assertThat(Descriptors.decode(List.of(0x11L, 0L, 0L, 1L << 63), DT, false)).isEmpty();
        assertThat(Descriptors.decode(List.of(0x11L, 0L), DT, true)).as("128-bit in scalable mode").isEmpty();
    }
}
