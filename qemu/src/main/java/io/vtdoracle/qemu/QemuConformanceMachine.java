package io.vtdoracle.qemu;

import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.PropertyFailure;
import io.vtdoracle.check.StateMachine;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.command.RawRegisterWrite;
import io.vtdoracle.properties.generate.Profile;
import io.vtdoracle.properties.generate.QemuGens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU conformance campaign as a {@link StateMachine} of the property engine: commands are the guest-driver
 * generators' ({@link QemuGens}: fixed capabilities, filtered to what {@link QemuUnit} observes); the system is a
 * fresh QEMU judged by the reference model per operation ({@link Oracle}, {@link Projection}, as
 * {@link QemuJudge}). A divergence {@link KnownDivergences known} is counted and ends the case's judging (the
 * rest of the case's commands are generated but not sent); a new one throws a {@link PropertyFailure}, so the
 * engine shrinks the script and writes its replay file; the divergence with its operations is also written to
 * {@code <failureDir>/qemu-divergence-*.txt} (the last write is the shrunk case's). QEMU dying is a divergence
 * ({@link QemuJudge.Kind#QEMU_DIED}); every case starts from power-on: the QEMU is reset between cases and
 * replaced when it died.
 * After each write of IQT the system also reads FSTS (judged like any operation), so that an invalidation queue
 * error shows next to its cause; a divergence's trace is QEMU's trace of the previous and the diverging step.
 * A command's register and memory accesses up to its next DMA or interrupt request go to QEMU together
 * ({@link QemuUnit#observeAll}) and are judged in order; those after a divergence were sent, never judged.
 *
 * <p>Edu sits at 00:02.0 here, the first device of the generators' universe, so generated requests from it (and
 * shrinking towards it) need no new generator.
 */
public final class QemuConformanceMachine implements StateMachine<QemuConformanceMachine.Script,
        QemuConformanceMachine.Sut, Command> {

    /** Edu's slot in the campaign: 00:02.0 = {@code Universe.SOURCES.get(0)}. */
    public static final int EDU_SLOT = 2;
    /** The campaign's edu requester id. */
    public static final SourceId EDU = SourceId.of(0, EDU_SLOT, 0);

    private static final long MEMORY = QemuUnit.MEMORY_BYTES;
    private static final long FOUR_GIB = 1L << 32;

    private final QemuSetup setup;
    private final Capabilities capabilities;
    private final Profile profile;
    private final KnownDivergences known;
    private final CampaignStats stats;
    private final Path failureDir;
    private QemuUnit unit;
    private final java.util.Set<String> shrunk = new java.util.HashSet<>();
    private boolean shrinkKnown;
    private Thrown lastThrown;

    /** The divergence behind the last {@link PropertyFailure} thrown (after shrinking: the minimal one). */
    public record Thrown(String key, Optional<String> knownId, QemuJudge.Divergence divergence) {
    }

    /**
     * A campaign against {@code setup}'s QEMU (started once to read its capabilities, which the model and the
     * generators take).
     *
     * @throws IllegalArgumentException when the device reports capabilities the model does not cover
     */
    public QemuConformanceMachine(QemuSetup setup, Profile profile, KnownDivergences known, CampaignStats stats,
                                  Path failureDir) {
        this.setup = setup;
        this.capabilities = setup.capabilities();
        this.profile = profile;
        this.known = known;
        this.stats = stats;
        this.failureDir = failureDir;
    }

    /**
     * Makes the first occurrence of each known divergence fail the property too (so the engine shrinks it), until
     * {@link #shrunk(String)} says it was; new ones always fail until then.
     */
    public QemuConformanceMachine shrinkingKnownDivergences() {
        shrinkKnown = true;
        return this;
    }

    /** The failure key {@code key} (a known id's or a new divergence's) was shrunk: only count it from now on. */
    public void shrunk(String key) {
        shrunk.add(key);
    }

    /** The divergence of the last property failure, or null. */
    public Thrown lastThrown() {
        return lastThrown;
    }

    /** The capabilities the device reports, the model's. */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The model side: what the guest set up (for generation) and the commands so far (to test candidates). */
    public static final class Script {
        final GuestView view = new GuestView();
        final List<Command> commands = new ArrayList<>();
    }

    @Override
    public Script initialModel() {
        return new Script();
    }

    @Override
    public Gen<? extends Command> commands(Script model) {
        return QemuGens.commands(profile, model.view, capabilities, EDU, c -> refusal(model, c) == null,
                60);
    }

    @Override
    public boolean precondition(Script model, Command command) {
        return (command instanceof PowerOn) != model.view.poweredOn();
    }

    @Override
    public Step<Script> runModel(Script model, Command command) {
        model.view.run(command);
        model.commands.add(command);
        return Step.of(model, null);
    }

    // ---- the filter ----

    /**
     * Why {@code command}, after the script so far, cannot be driven through the adapter, or null: an operation
     * {@link QemuUnit#unobservable}, or one that could wake the halted CPU or make QEMU write outside RAM (a
     * delivery mode other than fixed/lowest-priority in an MSI or an IRTE, a fault/invalidation event address or
     * data changed by a raw write, an interrupt table elsewhere than the driver's), or a raw write of IQA while
     * queued invalidation is on (N6: its consequences would hide other divergences).
     */
    static String refusal(Script model, Command command) {
        GuestView replay = new GuestView();
        for (Command earlier : model.commands) {
            replay.run(earlier);
        }
        List<Operation> operations = replay.run(command);
        long table = replay.interruptTable();
        long tableEnd = table < 0 ? -1 : table + 16L * (1 << (replay.interruptTableSizeField() + 1));
        for (Operation operation : operations) {
            if (command instanceof RawRegisterWrite && model.view.queued() && operation instanceof Operation.WriteRegister
                    && ((Operation.WriteRegister) operation).offset() < Registers.IQA + 8
                    && ((Operation.WriteRegister) operation).offset() + ((Operation.WriteRegister) operation).size()
                            > Registers.IQA) {
                return "IQA rewritten while queued invalidation is on (N6: QEMU keeps the old queue)";
            }
            String why = refusal(operation, table, tableEnd);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static boolean quietMode(long deliveryMode) {
        return deliveryMode == 0 || deliveryMode == 1;
    }

    private static String refusal(Operation operation, long table, long tableEnd) {
        String why = QemuUnit.unobservable(operation, EDU);
        if (why != null) {
            return why;
        }
        if (operation instanceof Operation.InterruptRequest
                && !quietMode((((Operation.InterruptRequest) operation).data() >>> 8) & 7)) {
            return "MSI delivery mode other than fixed/lowest priority";
        }
        if (operation instanceof Operation.WriteMemory) {
            Operation.WriteMemory write = (Operation.WriteMemory) operation;
            long word = write.address() & ~7L;
            if (word >= table && word < tableEnd && (word - table) % 16 == 0 && !quietMode((write.value() >>> 5) & 7)) {
                return "IRTE delivery mode other than fixed/lowest priority";
            }
        }
        if (operation instanceof Operation.WriteRegister) {
            Operation.WriteRegister write = (Operation.WriteRegister) operation;
            int first = write.offset();
            int end = first + write.size();
            for (int data : new int[] {Registers.FEDATA, Registers.IEDATA}) {
                if (first < data + 4 && end > data) {
                    if (first > data || end < data + 4) {
                        return "partial write of an event data register";
                    }
                    if (!quietMode((write.value() >>> (8 * (data - first) + 8)) & 7)) {
                        return "event delivery mode other than fixed/lowest priority";
                    }
                }
            }
            for (int address : new int[] {Registers.FEADDR, Registers.IEADDR}) {
                if (first < address + 4 && end > address) {
                    long value = first > address || end < address + 4 ? 0
                            : (write.value() >>> (8 * (address - first))) & 0xFFFF_FFFFL;
                    if ((value & 0xFFF0_0000L) != 0xFEE0_0000L) {
                        return "event address outside the interrupt window";
                    }
                }
            }
            if (first < 0xC0 && end > 0xB8 && (first != 0xB8 || write.size() != 8 || table < 0
                    || (write.value() & ~0xFFFL) != table)) {
                return "IRTA elsewhere than the driver's table";
            }
        }
        return null;
    }

    // ---- the system ----

    /** A fresh QEMU, the model's states consistent with what it showed, and the operations sent so far. */
    public final class Sut {
        final QemuUnit unit;
        final GuestView view = new GuestView();
        final List<Operation> sent = new ArrayList<>();
        Oracle oracle = Oracle.powerOn(capabilities);
        boolean stopped;
        List<String> previousTrace = List.of();

        Sut(QemuUnit unit) {
            this.unit = unit;
        }

        void run(Command command) {
            List<Operation> operations = new ArrayList<>();
            for (Operation operation : view.run(command)) {
                operations.add(operation);
                if (operation instanceof Operation.WriteRegister
                        && ((Operation.WriteRegister) operation).offset() == Registers.IQT) {
                    // FSTS right after a tail write: an invalidation queue error shows at once, next to its cause
                    operations.add(new Operation.ReadRegister(Registers.FSTS, 4));
                }
            }
            int next = 0;
            while (next < operations.size() && !stopped) {
                Operation operation = operations.get(next);
                if (operation instanceof Operation.DmaRequest || operation instanceof Operation.InterruptRequest) {
                    if (operation instanceof Operation.DmaRequest && unsafeTarget(operation)) {
                        stats.skippedUnsafe();
                    } else {
                        Traffic before = unit.traffic();
                        Observation seen = unit.observe(operation);
                        stats.traffic(CampaignStats.kind(operation), 1, unit.traffic().minus(before));
                        judge(operation, seen);
                    }
                    next++;
                    continue;
                }
                // register and memory accesses up to the next request: sent in as few round trips as stay exact
                int end = next;
                while (end < operations.size() && !(operations.get(end) instanceof Operation.DmaRequest
                        || operations.get(end) instanceof Operation.InterruptRequest)) {
                    end++;
                }
                List<Operation> accesses = operations.subList(next, end);
                Traffic before = unit.traffic();
                List<Observation> seen = unit.observeAll(accesses);
                stats.traffic(CampaignStats.ACCESSES, accesses.size(), unit.traffic().minus(before));
                for (int i = 0; i < seen.size() && !stopped; i++) {
                    judge(accesses.get(i), seen.get(i));
                }
                next = end;
            }
        }

        private void judge(Operation operation, Observation seen) {
            sent.add(operation);
            List<String> trace = new ArrayList<>(previousTrace);
            trace.addAll(seen.trace());
            previousTrace = seen.trace();
            int index = sent.size() - 1;
            QemuJudge.Divergence divergence = null;
            if (seen.died()) {
                stats.died();
                divergence = new QemuJudge.Divergence(QemuJudge.Kind.QEMU_DIED, index, operation, seen.toString(),
                        QemuJudge.allowed(oracle, operation, seen), List.copyOf(sent), trace, "");
            } else {
                long judging = System.nanoTime();
                Either<String, Oracle> judged = oracle.observe(operation,
                        outcome -> Projection.matches(outcome, seen), seen.toString());
                stats.judgedIn(System.nanoTime() - judging);
                if (judged.isRight()) {
                    oracle = judged.get();
                    stats.judged(operation, true);
                    stats.acceptedUnder(oracle.readings().map(Object::toString).asJava());
                    return;
                }
                QemuJudge.Kind kind = judged.getLeft().startsWith("more than") ? QemuJudge.Kind.AMBIGUOUS
                        : QemuJudge.Kind.OUTCOME;
                divergence = new QemuJudge.Divergence(kind, index, operation, seen.toString(),
                        QemuJudge.allowed(oracle, operation, seen), List.copyOf(sent), trace, judged.getLeft());
            }
            stopped = true;
            if (divergence.kind() == QemuJudge.Kind.AMBIGUOUS) {
                stats.ambiguous();
                return;
            }
            stats.judged(operation, false);
            Optional<String> id = known.match(divergence, setup.binary().version());
            if (id.isPresent()) {
                stats.known(id.get(), operation + " -> " + divergence.observed(), divergence.toString());
                String key = "known QEMU divergence " + id.get();
                if (shrinkKnown && !shrunk.contains(key)) {
                    lastThrown = new Thrown(key, id, divergence);
                    throw new PropertyFailure(key, divergence.toString());
                }
                return;
            }
            String key = "new QEMU divergence: " + divergence.kind() + " on " + CampaignStats.kind(operation);
            if (shrunk.contains(key)) {
                stats.known("(new, shrunk)", operation + " -> " + divergence.observed(), divergence.toString());
                return;
            }
            stats.fresh(divergence.toString());
            writeScenario(key, divergence);
            lastThrown = new Thrown(key, Optional.empty(), divergence);
            throw new PropertyFailure(key, divergence.toString());
        }

        /** Whether the model may translate this DMA into MMIO below 4 GiB (ECAM, edu's BAR, the registers). */
        private boolean unsafeTarget(Operation operation) {
            for (UnitState state : oracle.candidates()) {
                for (Alternative alternative : ReferenceModel.step(state, operation).alternatives()) {
                    if (alternative.outcome().result() instanceof Result.Translated) {
                        long target = ((Result.Translated) alternative.outcome().result()).address();
                        boolean window = target >= 0xFEE0_0000L && target < 0xFF00_0000L;
                        if (target >= MEMORY && target < FOUR_GIB && !window) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private void writeScenario(String key, QemuJudge.Divergence divergence) {
        try {
            Files.createDirectories(failureDir);
            String name = "qemu-divergence-" + key.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "") + ".txt";
            StringBuilder text = new StringBuilder(divergence.toString());
            text.append("\n# operations (replay with QemuJudge.judge, edu at 00:02.0):\n");
            divergence.prefix().forEach(o -> text.append(o).append('\n'));
            Files.writeString(failureDir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unit for a new case: the running QEMU reset to its power-on state ({@link QemuUnit#reset()}), or a
     * fresh one when there is none yet or it died.
     */
    @Override
    public Sut newSystem() {
        stats.caseStarted();
        if (unit != null && !unit.isDead()) {
            try {
                Traffic before = unit.traffic();
                unit.reset();
                stats.traffic(CampaignStats.RESET, 1, unit.traffic().minus(before));
                return new Sut(unit);
            } catch (QemuDiedException e) {
                unit.close();
            }
        }
        long start = System.nanoTime();
        unit = new QemuUnit(setup, EDU_SLOT);
        stats.qemuStarted(System.nanoTime() - start);
        return new Sut(unit);
    }

    @Override
    public Object runSystem(Sut system, Command command) {
        system.run(command);
        return null;
    }

    @Override
    public Optional<String> compare(Command command, Object expected, Object actual) {
        return Optional.empty();
    }

    @Override
    public void close(Sut system) {
        // the QEMU is reset and reused by the next case
    }

    /** Stops the campaign's QEMU. */
    public void shutdown() {
        if (unit != null) {
            unit.close();
            unit = null;
        }
    }
}
