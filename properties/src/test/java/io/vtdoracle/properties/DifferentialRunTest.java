package io.vtdoracle.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.Settings;
import io.vtdoracle.impl.FastRemappingUnit;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.generate.CommandGens;
import io.vtdoracle.properties.generate.Profile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A long random differential run, not part of the build: the implementation runs operations from the campaign's
 * generators (the refinement suite's profile) and the {@link Oracle} judges every outcome. It counts the
 * operations, the exceptions either side threw, the outcomes the model does not allow (divergences) and the
 * operations left unjudged because the Oracle gave up; each case ends at its first verdict. Run with
 * <pre>
 * ./mvnw -B -o -q -pl properties -am test -Dtest=DifferentialRunTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dvtd.differential.operations=5000000 [-Dvtd.differential.seed=1]
 * </pre>
 * It fails if any operation was left unjudged or threw, and prints the figures and each verdict.
 */
@EnabledIfSystemProperty(named = "vtd.differential.operations", matches = "\\d+")
class DifferentialRunTest {

    /** Commands per case: long enough for caches and fault records to fill up. */
    private static final int COMMANDS = 300;

    private long operations;
    private long exceptions;
    private long divergences;
    private long unjudged;
    private final Map<String, Integer> verdicts = new TreeMap<>();

    @Test
    void theOracleJudgesEveryOperation() {
        long target = Long.getLong("vtd.differential.operations");
        long seed = Long.getLong("vtd.differential.seed", 1);
        Profile profile = Suites.refinement().profile();
        long start = System.nanoTime();
        int cases = 0;
        while (operations < target) {
            Property.named("differential run").with(Settings.defaults().withTries(1).withSeed(seed + cases)
                            .withMaxChoices(1 << 20).withSystemOverrides(false))
                    .check(tc -> runCase(tc, profile));
            cases++;
            if (cases % 200 == 0) {
                System.out.printf(Locale.ROOT, "%,d cases, %,d operations, %.0f s: %d exceptions, %d divergences, "
                                + "%d unjudged%n", cases, operations, (System.nanoTime() - start) / 1e9, exceptions,
                        divergences, unjudged);
            }
        }
        System.out.printf(Locale.ROOT, "differential run: %,d cases, %,d operations in %.0f s: %d exceptions, "
                        + "%d divergences, %d operations unjudged%n", cases, operations,
                (System.nanoTime() - start) / 1e9, exceptions, divergences, unjudged);
        verdicts.forEach((verdict, count) -> System.out.println(count + " x " + verdict));
        assertThat(unjudged).as("operations left unjudged").isZero();
        assertThat(exceptions).as("exceptions").isZero();
    }

    private void runCase(io.vtdoracle.check.TestCase tc, Profile profile) {
        GuestView view = new GuestView();
        PowerOn powerOn = (PowerOn) tc.draw(CommandGens.commands(profile, view));
        FastRemappingUnit unit = new FastRemappingUnit(powerOn.capabilities());
        Oracle oracle = Oracle.powerOn(powerOn.capabilities());
        view.run(powerOn);
        for (int k = 0; k < COMMANDS; k++) {
            for (Operation operation : view.run(tc.draw(CommandGens.commands(profile, view)))) {
                operations++;
                Either<String, Oracle> judged;
                try {
                    Outcome outcome = unit.apply(operation);
                    if (oracle == null) {
                        unjudged++;
                        continue;
                    }
                    judged = oracle.observe(operation, outcome);
                } catch (RuntimeException e) {
                    exceptions++;
                    verdicts.merge("exception: " + e, 1, Integer::sum);
                    return;
                }
                if (judged.isRight()) {
                    oracle = judged.get();
                    continue;
                }
                String verdict = judged.getLeft();
                verdicts.merge(verdict.replaceAll(" after .*| of .*", ""), 1, Integer::sum);
                if (!verdict.startsWith(Oracle.GAVE_UP)) {
                    divergences++;
                    return;
                }
                // the implementation runs on; what it does is counted as unjudged
                unjudged++;
                oracle = null;
            }
        }
    }
}
