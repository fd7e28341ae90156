package io.vtdoracle.qemu;

import io.vtdoracle.api.Capabilities;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which QEMU to start and with which intel-iommu options ({@code -device intel-iommu,<options>}). The model's
 * {@link Capabilities} are not chosen here: they are read from the started device's CAP and ECAP
 * ({@link DeviceCapabilities}); {@link #capabilities()} starts a QEMU once per set-up to learn them.
 */
public record QemuSetup(QemuBinary binary, String iommuOptions) {

    /** The options the conformance tests use unless told otherwise: QEMU's defaults plus caching mode and IR. */
    public static final String DEFAULT_OPTIONS = "caching-mode=on,intremap=on";

    private static final Map<QemuSetup, Capabilities> CAPABILITIES = new ConcurrentHashMap<>();

    public QemuSetup {
        iommuOptions = iommuOptions.strip();
        for (String option : iommuOptions.isEmpty() ? new String[0] : iommuOptions.split(",")) {
            if (!option.matches("[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("intel-iommu option must be name=value: `" + option + "` in `"
                        + iommuOptions + "`");
            }
        }
    }

    /** The system's QEMU (on PATH) with {@link #DEFAULT_OPTIONS}. */
    public static QemuSetup onPath() {
        return new QemuSetup(QemuBinary.onPath(), DEFAULT_OPTIONS);
    }

    /** The same binary with other options. */
    public QemuSetup withOptions(String options) {
        return new QemuSetup(binary, options);
    }

    /** The {@code -device} argument of the IOMMU. */
    List<String> deviceArguments() {
        return List.of("-device", iommuOptions.isEmpty() ? "intel-iommu" : "intel-iommu," + iommuOptions);
    }

    /**
     * The capabilities QEMU reports with these options (a QEMU is started once to read them).
     *
     * @throws IllegalArgumentException when the device reports capabilities the model does not cover
     */
    public Capabilities capabilities() {
        return CAPABILITIES.computeIfAbsent(this, setup -> {
            try (QemuUnit unit = new QemuUnit(setup, QemuUnit.EDU_SLOT)) {
                return unit.capabilities();
            }
        });
    }

    @Override
    public String toString() {
        return binary + " -device " + deviceArguments().get(1);
    }
}
