package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.StateMachine;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.generate.CommandGens;
import io.vtdoracle.properties.generate.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lockstep state machine. Model state: the {@link GuestView} (what the guest has set up, for state-dependent
 * generation). System: a {@link LockstepSystem} (the implementation under test with the reference model's state).
 * A failed check throws from {@link #runSystem}, with a key naming the kind of failure so shrinking keeps it.
 * The implementation is a {@link RemappingUnit.Factory}, so any implementation plugs in.
 */
public final class LockstepMachine implements StateMachine<GuestView, LockstepSystem, Command> {

    private static final AtomicLong COMMANDS = new AtomicLong();

    private final RemappingUnit.Factory factory;
    private final Profile profile;
    private final Set<Check> checks;
    private final Oracle.Judging judging;

    /** A machine whose refinement check judges strictly ({@link Oracle.Judging#STRICT}). */
    public LockstepMachine(RemappingUnit.Factory factory, Profile profile, Set<Check> checks) {
        this(factory, profile, checks, Oracle.Judging.STRICT);
    }

    public LockstepMachine(RemappingUnit.Factory factory, Profile profile, Set<Check> checks,
                           Oracle.Judging judging) {
        this.factory = factory;
        this.profile = profile;
        this.checks = Set.copyOf(checks);
        this.judging = judging;
    }

    @Override
    public GuestView initialModel() {
        return new GuestView();
    }

    @Override
    public LockstepSystem newSystem() {
        return new LockstepSystem(factory, checks, judging);
    }

    @Override
    public Gen<? extends Command> commands(GuestView model) {
        return CommandGens.commands(profile, model);
    }

    @Override
    public boolean precondition(GuestView model, Command command) {
        return (command instanceof PowerOn) != model.poweredOn();
    }

    @Override
    public Step<GuestView> runModel(GuestView model, Command command) {
        model.run(command);
        return Step.of(model, null);
    }

    @Override
    public Object runSystem(LockstepSystem system, Command command) {
        COMMANDS.incrementAndGet();
        return system.run(command);
    }

    /** The system judged the command itself (a failed check throws): there is nothing left to compare. */
    @Override
    public Optional<String> compare(Command command, Object expected, Object actual) {
        return Optional.empty();
    }

    @Override
    public List<String> labels(Object actual) {
        return ((StepReport) actual).labels();
    }

    /** Commands run by all lockstep machines of this JVM so far (for steps-per-second figures). */
    public static long commandsRun() {
        return COMMANDS.get();
    }
}
