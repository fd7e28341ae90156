package io.vtdoracle.qemu;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CAP and ECAP as QEMU reports them (read from QEMU 7.2.22 and 10.0.13 with {@code caching-mode=on,intremap=on}
 * and the options named), taken into the model's capabilities.
 */
class DeviceCapabilitiesTest {

    private static final long CAP_39 = 0x00d2008c22260286L;
    private static final long CAP_48 = 0x00d2008c222f0686L;
    /** {@code x-flts=on} adds CAP.FS1GP (bit 56). */
    private static final long CAP_48_FS1GP = 0x01d2008c222f0686L;
    private static final long ECAP_LEGACY = 0xf00f4aL;
    /** {@code x-scalable-mode=on}: SMTS, SLTS, SRS (7.2 and 10.0 alike). */
    private static final long ECAP_SECOND_STAGE = 0x480080f00f4aL;
    /** {@code x-scalable-mode=on,x-flts=on} (10.0): SMTS, FLTS. */
    private static final long ECAP_FIRST_STAGE = 0x880000f00f4aL;
    /** {@code x-scalable-mode=on,x-pasid-mode=on}: ECAP.PASID (bit 40) on top of the second-stage set. */
    private static final long ECAP_PASID = 0x490080f00f4aL;

    @Test
    void legacyQemuIsLegacyMode() {
        Capabilities capabilities = DeviceCapabilities.from(CAP_48, ECAP_LEGACY, QemuUnit.MEMORY_BYTES);
        assertThat(capabilities.addressWidth()).isEqualTo(48);
        assertThat(capabilities.scalableMode()).isEqualTo(ScalableMode.NONE);
    }

    @Test
    void scalableModeIsTheSecondStagePreset() {
        assertThat(DeviceCapabilities.from(CAP_48, ECAP_SECOND_STAGE, QemuUnit.MEMORY_BYTES).scalableMode())
                .isEqualTo(ScalableMode.QEMU_SECOND_STAGE);
        Capabilities narrow = DeviceCapabilities.from(CAP_39, ECAP_SECOND_STAGE, QemuUnit.MEMORY_BYTES);
        assertThat(narrow.addressWidth()).isEqualTo(39);
        assertThat(narrow).isEqualTo(Capabilities.DEFAULT.withGuestMemoryBytes(QemuUnit.MEMORY_BYTES)
                .withScalableMode(ScalableMode.QEMU_SECOND_STAGE));
    }

    @Test
    void firstStageIsTheFirstStagePreset() {
        assertThat(DeviceCapabilities.from(CAP_48_FS1GP, ECAP_FIRST_STAGE, QemuUnit.MEMORY_BYTES).scalableMode())
                .isEqualTo(ScalableMode.QEMU_FIRST_STAGE);
    }

    @Test
    void pasidSupportIsRefusedByName() {
        assertThatThrownBy(() -> DeviceCapabilities.from(CAP_48, ECAP_PASID, QemuUnit.MEMORY_BYTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECAP.PASID = 0x1 (model: 0x0)")
                .hasMessageContaining("x-pasid-mode=on");
    }

    @Test
    void scalableBitsWithoutTheirPrerequisiteAreRefused() {
        assertThatThrownBy(() -> DeviceCapabilities.from(CAP_48, ECAP_LEGACY | 1L << 46, QemuUnit.MEMORY_BYTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without SMTS");
        assertThatThrownBy(() -> DeviceCapabilities.from(CAP_48_FS1GP, ECAP_SECOND_STAGE, QemuUnit.MEMORY_BYTES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FS1GP or FL5LP without FLTS");
    }
}
