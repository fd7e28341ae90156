package io.vtdoracle.qemu;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.oracle.Oracle;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;

/**
 * A QEMU as a {@link RemappingUnit} for the model's unit-agnostic scenarios (ScalableModeScenarios and the like):
 * every operation is performed on QEMU and judged by the model at once, on the capabilities QEMU reports. The unit
 * answers the model's outcome that QEMU's observation matches, so what QEMU does not show (a translation's
 * permission) is the model's and the scenario's own assertions hold. An operation edu cannot make ends the test as
 * skipped, naming why; a divergence the known-divergences file lists for this QEMU's series ends it as skipped,
 * naming the entry; any other divergence fails it.
 */
public final class JudgedQemuUnit implements RemappingUnit, AutoCloseable {

    private final QemuUnit qemu;
    private final KnownDivergences known = KnownDivergences.fromClassPath();
    private final java.util.List<Operation> done = new ArrayList<>();
    private Oracle oracle;
    private java.util.List<String> previousTrace = java.util.List.of();

    JudgedQemuUnit(QemuUnit qemu) {
        this.qemu = qemu;
        this.oracle = Oracle.powerOn(qemu.capabilities());
    }

    @Override
    public Outcome apply(Operation operation) {
        Observation observation;
        try {
            observation = qemu.observe(operation);
        } catch (UnobservableOperationException e) {
            throw new TestAbortedException(qemu.setup() + " cannot be judged here: " + e.getMessage());
        }
        int index = done.size();
        done.add(operation);
        java.util.List<String> trace = new ArrayList<>(previousTrace);
        trace.addAll(observation.trace());
        previousTrace = observation.trace();
        List<Alternative> admitted = oracle.admitted(operation);
        if (observation.died()) {
            throw diverged(new QemuJudge.Divergence(QemuJudge.Kind.QEMU_DIED, index, operation,
                    observation.toString(), QemuJudge.allowed(oracle, operation, observation),
                    java.util.List.copyOf(done), trace, ""));
        }
        Either<String, Oracle> next = oracle.observe(operation, outcome -> Projection.matches(outcome, observation),
                observation.toString());
        if (next.isLeft()) {
            throw diverged(new QemuJudge.Divergence(QemuJudge.Kind.OUTCOME, index, operation, observation.toString(),
                    QemuJudge.allowed(oracle, operation, observation), java.util.List.copyOf(done), trace,
                    next.getLeft()));
        }
        oracle = next.get();
        return admitted.find(alternative -> Projection.matches(alternative.outcome(), observation)).get().outcome();
    }

    /** Skips for a known divergence (naming it); the failure for any other. */
    private AssertionError diverged(QemuJudge.Divergence divergence) {
        String text = qemu.setup() + "\n" + divergence;
        java.util.Optional<String> id = known.match(divergence, qemu.setup().binary().version());
        if (id.isPresent()) {
            throw new TestAbortedException(qemu.setup() + " cannot be judged further: it shows known divergence "
                    + id.get() + " at step " + divergence.index() + "\n" + text);
        }
        return new AssertionError("QEMU diverges from the model:\n" + text);
    }

    @Override
    public void close() {
        qemu.close();
    }

    /**
     * Starts units of {@code binary} with edu at 00:{@code eduSlot}.0, one per {@link #create}, each with the
     * intel-iommu options giving the capabilities asked for ({@link IommuOptions}); a unit whose QEMU cannot report
     * them ends the test as skipped, naming the difference. {@link #close} stops every QEMU started.
     */
    public static final class Factory implements RemappingUnit.Factory, AutoCloseable {

        private final QemuBinary binary;
        private final int eduSlot;
        private final java.util.List<JudgedQemuUnit> started = new ArrayList<>();

        public Factory(QemuBinary binary, int eduSlot) {
            this.binary = binary;
            this.eduSlot = eduSlot;
        }

        @Override
        public RemappingUnit create(Capabilities capabilities) {
            QemuSetup setup = IommuOptions.setupFor(binary, capabilities);
            QemuUnit unit = new QemuUnit(setup, eduSlot);
            if (!IommuOptions.matches(unit.capabilities(), capabilities)) {
                unit.close();
                throw new TestAbortedException(setup + " cannot be judged here: it reports " + unit.capabilities()
                        + ", the scenario needs " + capabilities + " (no intel-iommu option gives it)");
            }
            JudgedQemuUnit judged = new JudgedQemuUnit(unit);
            started.add(judged);
            return judged;
        }

        @Override
        public void close() {
            started.forEach(JudgedQemuUnit::close);
            started.clear();
        }
    }
}
