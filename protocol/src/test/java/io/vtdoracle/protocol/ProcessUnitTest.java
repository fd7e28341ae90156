package io.vtdoracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program that misbehaves gives a clear failure naming the step: never a hang, never a stack trace. */
class ProcessUnitTest {

    private static final Operation READ_VER = new Operation.ReadRegister(0, 4);

    private static ProcessUnitFactory shell(String script, long timeoutMillis) {
        return new ProcessUnitFactory(List.of("sh", "-c", script), Duration.ofMillis(timeoutMillis));
    }

    private static final String READY = "read hello; echo '{\"ready\":true}'; ";

    @Test
    void answersComeBackAsOutcomes() {
        try (ProcessUnitFactory factory = shell(READY
                + "while read op; do echo '{\"result\":{\"kind\":\"value\",\"value\":\"0x10\"}}'; done", 5000)) {
            RemappingUnit unit = factory.create(Capabilities.DEFAULT);
            assertThat(unit.apply(READ_VER).result()).isEqualTo(new Result.Value(0x10));
            assertThat(unit.apply(READ_VER).events()).isEmpty();
        }
    }

    @Test
    void refusedCapabilitiesAreAnIllegalArgument() {
        try (ProcessUnitFactory factory = shell("read hello; echo '{\"unsupported\":\"48-bit only\"}'", 5000)) {
            assertThatThrownBy(() -> factory.create(Capabilities.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48-bit only");
        }
    }

    @Test
    void aProgramThatDiesIsNamedWithItsStepAndStderr() {
        try (ProcessUnitFactory factory = shell(READY + "read op; echo 'segfault in walk' >&2; exit 139", 5000)) {
            RemappingUnit unit = factory.create(Capabilities.DEFAULT);
            assertThatThrownBy(() -> unit.apply(READ_VER)).isInstanceOf(UnitFailure.class)
                    .hasMessageContaining("step 1").hasMessageContaining("exited with code 139")
                    .hasMessageContaining("segfault in walk");
        }
    }

    @Test
    void aSilentProgramTimesOut() {
        try (ProcessUnitFactory factory = shell(READY + "read op; sleep 30", 300)) {
            RemappingUnit unit = factory.create(Capabilities.DEFAULT);
            assertThatThrownBy(() -> unit.apply(READ_VER)).isInstanceOf(UnitFailure.class)
                    .hasMessageContaining("step 1").hasMessageContaining("no answer within 300 ms");
            assertThat(factory.create(Capabilities.DEFAULT)).as("a stopped program is started again").isNotNull();
        }
    }

    @Test
    void garbageIsNamed() {
        try (ProcessUnitFactory factory = shell(READY + "read op; echo 'hello world'; read op;"
                + " echo '{\"result\":{\"kind\":\"value\"}}'", 5000)) {
            RemappingUnit unit = factory.create(Capabilities.DEFAULT);
            assertThatThrownBy(() -> unit.apply(READ_VER)).isInstanceOf(UnitFailure.class)
                    .hasMessageContaining("step 1").hasMessageContaining("`hello world`").hasMessageContaining("not JSON");
        }
        try (ProcessUnitFactory factory = shell(READY + "read op; echo '{\"result\":{\"kind\":\"value\"}}'", 5000)) {
            RemappingUnit unit = factory.create(Capabilities.DEFAULT);
            assertThatThrownBy(() -> unit.apply(READ_VER)).isInstanceOf(UnitFailure.class)
                    .hasMessageContaining("not an outcome").hasMessageContaining("'result.value'");
        }
    }

    @Test
    void aMissingProgramIsNamed() {
        try (ProcessUnitFactory factory = ProcessUnitFactory.of("/nonexistent/unit --serve")) {
            assertThatThrownBy(() -> factory.create(Capabilities.DEFAULT)).isInstanceOf(UnitFailure.class)
                    .hasMessageContaining("cannot start program '/nonexistent/unit --serve'");
        }
    }
}
