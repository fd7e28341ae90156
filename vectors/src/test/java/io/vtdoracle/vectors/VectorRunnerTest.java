package io.vtdoracle.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.ModelUnit;
import io.vtdoracle.oracle.Oracle;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Running the committed vectors: the implementation and the model pass all; planted faults fail the right ones. */
class VectorRunnerTest {

    private static final VectorSet COMMITTED = VectorSet.read(CommittedVectorsTest.COMMITTED);

    @Test
    void theImplementationPassesEveryVectorStrictlyAndByDefault() {
        for (Oracle.Judging judging : List.of(Oracle.Judging.STRICT, Oracle.Judging.DEFAULT)) {
            List<VectorResult> results = new VectorRunner(FastRemappingUnit::new, judging).run(COMMITTED);
            assertThat(results).as("judging %s", judging).allSatisfy(result ->
                    assertThat(result.status()).as(result.id() + " " + result.message())
                            .isEqualTo(VectorResult.Status.PASSED));
        }
    }

    @Test
    void theModelPassesEveryVector() {
        assertThat(new VectorRunner(ModelUnit::new, Oracle.Judging.DEFAULT).run(COMMITTED))
                .allSatisfy(result -> assertThat(result.status()).as(result.id() + " " + result.message())
                        .isEqualTo(VectorResult.Status.PASSED));
    }

    /** A unit that reports every 2 MiB translation as a 4 KiB one fails exactly the vectors that need 2 MiB. */
    @Test
    void aPlantedSuperpageFaultFailsTheVectorsThatTranslate2m() {
        RemappingUnit.Factory planted = capabilities -> {
            RemappingUnit unit = new FastRemappingUnit(capabilities);
            return operation -> {
                Outcome outcome = unit.apply(operation);
                return outcome.result() instanceof Result.Translated t && t.pageMask() == 0x1F_FFFF
                        ? new Outcome(new Result.Translated(t.address(), 0xFFF, t.permission()), outcome.events())
                        : outcome;
            };
        };
        Set<String> failed = failedIds(new VectorRunner(planted, Oracle.Judging.DEFAULT).run(COMMITTED));
        Set<String> need2m = COMMITTED.vectors().stream().filter(vector -> vector.steps().stream()
                .anyMatch(step -> step.allowed().stream().allMatch(allowed ->
                        allowed.outcome().result() instanceof Result.Translated t && t.pageMask() == 0x1F_FFFF)))
                .map(Vector::id).collect(Collectors.toSet());
        assertThat(need2m).contains("paging/superpage-2m-write");
        assertThat(failed).isEqualTo(need2m);
    }

    /** A unit that reports a reserved IRTE (24h) as not present (22h) fails the 24h vectors only. */
    @Test
    void aPlantedInterruptFaultFailsThe24hVectors() {
        RemappingUnit.Factory planted = capabilities -> {
            RemappingUnit unit = new FastRemappingUnit(capabilities);
            return operation -> {
                Outcome outcome = unit.apply(operation);
                return outcome.result() instanceof Result.InterruptFault f
                        && f.reason() == io.vtdoracle.api.FaultReason.IR_ENTRY_RESERVED
                        ? new Outcome(new Result.InterruptFault(io.vtdoracle.api.FaultReason.IR_ENTRY_NOT_PRESENT),
                        outcome.events()) : outcome;
            };
        };
        assertThat(failedIds(new VectorRunner(planted, Oracle.Judging.DEFAULT).run(COMMITTED)))
                .isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("interrupt-remapping/"))
                .contains("interrupt-remapping/entry-reserved-24h");
    }

    @Test
    void aUnitRefusingTheCapabilitiesMakesItsVectorsUnsupported() {
        RemappingUnit.Factory only39 = capabilities -> {
            if (capabilities.addressWidth() != 39) {
                throw new IllegalArgumentException("only 39-bit units");
            }
            return new FastRemappingUnit(capabilities);
        };
        List<VectorResult> results = new VectorRunner(only39, Oracle.Judging.DEFAULT).run(COMMITTED);
        Set<String> wide = COMMITTED.vectors().stream().filter(v -> v.capabilities().addressWidth() == 48)
                .map(Vector::id).collect(Collectors.toSet());
        assertThat(wide).contains("paging/four-level-48-bit");
        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(wide.contains(result.id())
                ? VectorResult.Status.UNSUPPORTED : VectorResult.Status.PASSED));
        VectorReport report = new VectorReport("only39", Oracle.Judging.DEFAULT, COMMITTED, results);
        assertThat(report.json().get("totals").get("unsupported").asInt()).isEqualTo(wide.size());
        assertThat(report.table()).contains("UNSUPPORTED paging/four-level-48-bit");
    }

    @Test
    void aUnitThatThrowsFailsAtThatStep() {
        RemappingUnit.Factory crashing = capabilities -> {
            RemappingUnit unit = new FastRemappingUnit(capabilities);
            return operation -> {
                if (operation instanceof Operation.InterruptRequest) {
                    throw new IllegalStateException("no interrupts here");
                }
                return unit.apply(operation);
            };
        };
        VectorResult result = new VectorRunner(crashing, Oracle.Judging.DEFAULT)
                .run(COMMITTED.vectors().stream().filter(v -> v.id().equals("interrupt-remapping/"
                        + "without-remapping-unchanged")).findFirst().orElseThrow());
        assertThat(result.status()).isEqualTo(VectorResult.Status.FAILED);
        assertThat(result.step()).isZero();
        assertThat(result.message()).contains("no interrupts here");
    }

    private static Set<String> failedIds(List<VectorResult> results) {
        return results.stream().filter(result -> result.status() == VectorResult.Status.FAILED)
                .map(VectorResult::id).collect(Collectors.toSet());
    }
}
