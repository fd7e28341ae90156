package io.vtdoracle.impl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §7.5 (mapping budget, bounded work) and the API's "apply never throws": second-level tables whose top
 * table points at itself in all 512 entries (512^levels leaves) with a MAP|UNMAP listener on the whole space, then
 * a replay, a global IOTLB or context-cache invalidation, or TE off and on; and a global invalidation with an
 * UNMAP-only listener on each of the 65,536 source-ids. Both units run the cases ({@link AliasingRun}) in a child
 * JVM with a 256 MiB heap: each must end normally (the listener overflows, nothing thrown) within the time budget.
 */
class AliasingTablesTest {

    /** Generous, since the machine is shared: each case's action, measured in the child's own loop. */
    private static final long CASE_BUDGET_MILLIS = 10_000;
    private static final long CHILD_TIMEOUT_SECONDS = 300;

    @ParameterizedTest
    @ValueSource(strings = {"model", "impl"})
    void aliasingTablesEndNormallyInBoundedTimeAndMemory(String unit) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classPath,
                AliasingRun.class.getName(), unit).redirectErrorStream(true).start();
        boolean ended = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the %s child ended within %d s; output:%n%s", unit, CHILD_TIMEOUT_SECONDS, output)
                .isTrue();
        assertThat(child.exitValue()).as("exit code of the %s child; output:%n%s", unit, output).isZero();
        List<String> lines = output.lines().filter(line -> line.contains("|")).toList();
        assertThat(lines).as(output).hasSize(9);
        for (String line : lines) {
            String[] fields = line.split("\\|");
            assertThat(fields[1]).as("%s: %s", unit, line).isEqualTo("expected");
            assertThat(Long.parseLong(fields[2])).as("%s: %s (ms)", unit, line).isLessThanOrEqualTo(CASE_BUDGET_MILLIS);
        }
    }
}
