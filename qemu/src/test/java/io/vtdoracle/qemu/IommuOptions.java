package io.vtdoracle.qemu;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The intel-iommu options that make a QEMU report given capabilities: aw-bits, caching-mode, intremap, eim, pt,
 * device-iotlb, x-scalable-mode and x-flts. QEMU's guest memory is its own (256 MiB), and x-flts needs aw-bits=48
 * in QEMU 10.0 ("Scalable mode(flts=on): supported value for aw-bits is: 48"), so a first-stage scenario written
 * for 39 bits is judged on QEMU's 48-bit unit; every other capability must be reported as asked.
 */
final class IommuOptions {

    private static final Map<QemuBinary, String> PROPERTIES = new ConcurrentHashMap<>();

    private IommuOptions() {
    }

    /** A set-up of {@code binary} reporting {@code capabilities}; skips when the binary lacks an option needed. */
    static QemuSetup setupFor(QemuBinary binary, Capabilities capabilities) {
        ScalableMode scalable = capabilities.scalableMode();
        List<String> options = new ArrayList<>();
        options.add("aw-bits=" + (scalable.firstStage() ? 48 : capabilities.addressWidth()));
        options.add("caching-mode=" + onOff(capabilities.cachingMode()));
        options.add("intremap=" + onOff(capabilities.interruptRemapping()));
        if (capabilities.interruptRemapping()) {
            options.add("eim=" + onOff(capabilities.extendedInterruptMode()));
        }
        options.add("pt=" + onOff(capabilities.passThrough()));
        options.add("device-iotlb=" + onOff(capabilities.deviceTlb()));
        if (scalable.supported()) {
            options.add(require(binary, "x-scalable-mode") + "=on");
        }
        if (scalable.firstStage()) {
            options.add(require(binary, "x-flts") + "=on");
        }
        return new QemuSetup(binary, String.join(",", options));
    }

    /** Whether a unit reporting {@code reported} can stand for {@code wanted} (see the class comment). */
    static boolean matches(Capabilities reported, Capabilities wanted) {
        Capabilities comparable = reported.withGuestMemoryBytes(wanted.guestMemoryBytes());
        if (wanted.scalableMode().firstStage()) {
            comparable = comparable.withAddressWidth(wanted.addressWidth());
        }
        return comparable.equals(wanted);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** {@code property}, if intel-iommu of {@code binary} has it; otherwise the test is skipped, saying so. */
    static String require(QemuBinary binary, String property) {
        String properties = PROPERTIES.computeIfAbsent(binary, IommuOptions::properties);
        if (!properties.contains("  " + property + "=")) {
            throw new TestAbortedException(binary + " cannot be judged here: its intel-iommu has no " + property
                    + " option");
        }
        return property;
    }

    /** What {@code -device intel-iommu,help} prints: one line per property ("  x-flts=<bool> ..."). */
    private static String properties(QemuBinary binary) {
        try {
            Process process = new ProcessBuilder(binary.path().toString(), "-device", "intel-iommu,help")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(binary + " -device intel-iommu,help did not answer within 10 s");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + binary + " for intel-iommu's options", e);
        }
    }
}
