package io.vtdoracle.scenarios;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.qemu.JudgedQemuUnit;
import io.vtdoracle.qemu.QemuBinary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

import java.util.stream.Stream;

/**
 * The model's scalable-mode scenarios (contract §9) run against every configured QEMU ({@link QemuBinary#configured},
 * VTD_QEMU_BINARIES), each step judged by the model ({@link JudgedQemuUnit}): {@code x-scalable-mode=on} for the
 * second-stage preset, {@code x-scalable-mode=on,x-flts=on} for the first-stage one. A scenario needing what QEMU
 * lacks (FL5LP, both stages at once, a device other than edu at 00:03.0, an address above edu's 28 bits) or meeting
 * a known divergence is skipped, saying which.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("binaries")
class ScalableModeQemuTest extends ScalableModeScenarios {

    private final QemuBinary.Candidate candidate;
    private JudgedQemuUnit.Factory factory;

    ScalableModeQemuTest(QemuBinary.Candidate candidate) {
        this.candidate = candidate;
    }

    static Stream<Named<QemuBinary.Candidate>> binaries() {
        return QemuBinary.configured().stream().map(candidate -> Named.of(candidate.available()
                ? "QEMU " + candidate.binary().version() : candidate.name(), candidate));
    }

    @BeforeEach
    void startFactory() {
        if (!candidate.available()) {
            throw new TestAbortedException(candidate.name() + " cannot be judged: " + candidate.unavailable());
        }
        factory = new JudgedQemuUnit.Factory(candidate.binary(), ScalableUnit.DEVICE.device());
    }

    @AfterEach
    void stopQemus() {
        if (factory != null) {
            factory.close();
        }
    }

    @Override
    protected RemappingUnit.Factory factory() {
        return factory;
    }
}
