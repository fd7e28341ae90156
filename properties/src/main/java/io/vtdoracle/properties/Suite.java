package io.vtdoracle.properties;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.Report;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.generate.Profile;
import io.vtdoracle.properties.lockstep.Check;
import io.vtdoracle.properties.lockstep.LockstepMachine;
import java.util.List;
import java.util.Set;

/**
 * One property of the campaign: a name (also its replay files' name), what it claims, the generator profile that
 * reaches its states, the checks it makes, and the coverage it must keep reaching.
 *
 * @param name        the property's name, as {@code check --suite NAME} takes it
 * @param claim       one line saying what holds
 * @param profile     how commands are drawn
 * @param checks      what each step checks
 * @param coverage    labels the run must reach, with their minimum share of cases
 * @param stale       labels required only of an implementation with caches (not of the model run alone)
 * @param tries       valid cases of a CI run
 * @param steps       most commands per case
 */
public record Suite(String name, String claim, Profile profile, Set<Check> checks, List<Coverage> coverage,
                    List<Coverage> stale, int tries, int steps) {

    /** A coverage requirement: at least {@code share} of the cases carry {@code label}. */
    public record Coverage(String label, double share) {
    }

    public Suite {
        checks = Set.copyOf(checks);
        coverage = List.copyOf(coverage);
        stale = List.copyOf(stale);
    }

    /** The property for {@code unit}, named {@code name} plus {@code suffix}, with this suite's coverage. */
    public Property property(String suffix, boolean cachingUnit) {
        Property property = Property.named(name + suffix).tries(tries).steps(steps);
        for (Coverage c : coverage) {
            property = property.requireCoverage(c.label(), c.share());
        }
        if (cachingUnit) {
            for (Coverage c : stale) {
                property = property.requireCoverage(c.label(), c.share());
            }
        }
        return property;
    }

    /**
     * Runs {@code property} (from {@link #property}, adjusted by the caller) against units of {@code factory},
     * refinement judged strictly: the model's preferred readings and the contract's exact listener events.
     */
    public Report check(Property property, RemappingUnit.Factory factory) {
        return check(property, factory, Oracle.Judging.STRICT);
    }

    /** The same, refinement judged as {@code judging} says (e.g. every reading, listener events by VFIO effect). */
    public Report check(Property property, RemappingUnit.Factory factory, Oracle.Judging judging) {
        return property.check(machine(factory, judging));
    }

    /** The machine of this suite (strict judging), for the engine's own stateful runner or another harness. */
    public LockstepMachine machine(RemappingUnit.Factory factory) {
        return machine(factory, Oracle.Judging.STRICT);
    }

    public LockstepMachine machine(RemappingUnit.Factory factory, Oracle.Judging judging) {
        return new LockstepMachine(factory, profile, checks, judging);
    }
}
