package io.vtdoracle.properties.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.check.Falsification;
import io.vtdoracle.check.PropertyFalsified;
import io.vtdoracle.properties.Suites;
import io.vtdoracle.properties.lockstep.LockstepFailure;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The JUnit helper: one test per suite, and a failure that carries its data, not only text. */
class SuiteTestsTest {

    /** A unit that answers every operation with "done": refinement fails at once. */
    private static final RemappingUnit.Factory CARELESS = capabilities -> operation -> Outcome.of(Result.DONE);

    @Test
    void oneTestPerSuiteNamedAfterItsProperty() {
        List<String> names = SuiteTests.of(CARELESS).named(" (careless)").tests().map(DynamicTest::getDisplayName)
                .toList();
        assertThat(names).hasSize(Suites.all().size()).contains("refinement (careless)", "robustness (careless)");
        assertThat(SuiteTests.against(CARELESS)).hasSize(Suites.all().size());
    }

    @Test
    void aFailingSuiteThrowsItsCounterexampleAsData() {
        DynamicTest refinement = SuiteTests.of(CARELESS).named(" (careless)").tries(50).tests()
                .filter(t -> t.getDisplayName().startsWith("refinement")).findFirst().orElseThrow();

        PropertyFalsified failed = catchThrowableOfType(PropertyFalsified.class,
                () -> refinement.getExecutable().execute());

        Falsification f = failed.falsification();
        assertThat(f.property()).isEqualTo("refinement (careless)");
        assertThat(f.step()).isPositive();
        assertThat(f.script().get(f.step() - 1)).startsWith(f.step() + ". ").contains("<--");
        assertThat(f.cause()).isInstanceOf(LockstepFailure.class);
        LockstepFailure at = (LockstepFailure) f.cause();
        assertThat(at.operation()).isPresent();
        assertThat(at.operationIndex()).isPositive();
        assertThat(at.seen()).isEqualTo(Outcome.of(Result.DONE).toString());
        assertThat(at.allowed()).isNotBlank().isNotEqualTo(at.seen());
        assertThat(at.section()).hasValueSatisfying(section -> assertThat(section).contains("§"));
        assertThat(f.savedFile()).isPresent();
        assertThat(failed.getMessage()).contains("-Dvtd.replay=");
    }
}
