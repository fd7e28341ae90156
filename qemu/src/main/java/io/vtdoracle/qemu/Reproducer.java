package io.vtdoracle.qemu;

import io.vavr.control.Either;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.ReferenceModel;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.oracle.Oracle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario run once more on a fresh QEMU with its qtest conversation recorded ({@link QtestTranscript}) and
 * judged by the model as {@link QemuJudge} does, so that it can be written as a plain qtest script
 * ({@link ReproducerWriter}): every line sent from QEMU's start, the answer QEMU gave each read, and the answers
 * the model allows where the model says what a read returns (the VT-d registers, and guest memory read by the
 * scenario itself).
 *
 * @param name       the file's base name: the known divergence's id, or a stable name of a new one
 * @param title      one line saying what the divergence is
 * @param setup      the QEMU it was recorded on
 * @param commandLine the command line QEMU was started with (binary first)
 * @param operations the scenario
 * @param lines      every line sent, with its answer and the model's expectation
 * @param divergence the first divergence when the scenario was run again, if any
 * @param knownId    the known-divergences entry naming it on this QEMU's version, if any
 */
public record Reproducer(String name, String title, QemuSetup setup, List<String> commandLine,
                         List<Operation> operations, List<Line> lines, Optional<QemuJudge.Divergence> divergence,
                         Optional<String> knownId) {

    /**
     * One line sent to QEMU.
     *
     * @param command     the qtest command, exactly as sent
     * @param reply       QEMU's answer, or null when QEMU died before answering
     * @param step        the scenario step it was sent in ({@link QtestTranscript#SET_UP} before the first)
     * @param modelAllows the answers the model allows (empty when the model does not say what this read returns)
     */
    public record Line(String command, String reply, int step, List<String> modelAllows) {
        /** Whether this line reads something (QEMU answers it with a value). */
        public boolean isRead() {
            return READ.matcher(command).lookingAt();
        }
    }

    private static final Pattern READ = Pattern.compile("(read[bwlq]|in[bwl]|read|b64read) ");
    private static final Pattern REGISTER_READ = Pattern.compile("read([bwlq]) 0x([0-9a-f]+)$");

    public Reproducer {
        commandLine = List.copyOf(commandLine);
        operations = List.copyOf(operations);
        lines = List.copyOf(lines);
    }

    /** The step where the divergence came, or -1. */
    public int divergingStep() {
        return divergence.map(QemuJudge.Divergence::index).orElse(-1);
    }

    /**
     * Runs {@code scenario} on a fresh QEMU of {@code setup} with edu at 00:{@code eduSlot}.0, recording every
     * qtest line, and judges it as {@link QemuJudge} does (with {@code judging}); the first divergence ends it.
     *
     * @throws UnobservableOperationException when an operation cannot be made through the adapter
     */
    public static Reproducer record(String name, String title, QemuSetup setup, int eduSlot,
                                    List<Operation> scenario, Oracle.Judging judging, KnownDivergences known) {
        QtestTranscript transcript = new QtestTranscript();
        List<StepStates> states = new ArrayList<>();
        QemuJudge.Divergence divergence = null;
        try (QemuUnit unit = new QemuUnit(setup, eduSlot, transcript)) {
            Oracle oracle = Oracle.powerOn(unit.capabilities(), judging);
            states.add(new StepStates(QtestTranscript.SET_UP, null, oracle.candidates().asJava(),
                    oracle.candidates().asJava()));
            List<String> previousTrace = List.of();
            for (int i = 0; i < scenario.size() && divergence == null; i++) {
                Operation operation = scenario.get(i);
                transcript.beginStep(i);
                Observation observation = unit.observe(operation);
                List<String> trace = new ArrayList<>(previousTrace);
                trace.addAll(observation.trace());
                previousTrace = observation.trace();
                List<Operation> prefix = scenario.subList(0, i + 1);
                List<UnitState> before = oracle.candidates().asJava();
                List<UnitState> admittedNext = oracle.admitted(operation).map(Alternative::next).asJava();
                if (observation.died()) {
                    divergence = new QemuJudge.Divergence(QemuJudge.Kind.QEMU_DIED, i, operation,
                            observation.toString(), QemuJudge.allowed(oracle, operation, observation), prefix, trace,
                            "");
                    states.add(new StepStates(i, operation, before, admittedNext));
                    break;
                }
                Either<String, Oracle> next = oracle.observe(operation,
                        outcome -> Projection.matches(outcome, observation), observation.toString());
                if (next.isLeft()) {
                    QemuJudge.Kind kind = next.getLeft().startsWith("more than") ? QemuJudge.Kind.AMBIGUOUS
                            : QemuJudge.Kind.OUTCOME;
                    divergence = new QemuJudge.Divergence(kind, i, operation, observation.toString(),
                            QemuJudge.allowed(oracle, operation, observation), prefix, trace, next.getLeft());
                    states.add(new StepStates(i, operation, before, admittedNext));
                } else {
                    oracle = next.get();
                    states.add(new StepStates(i, operation, before, oracle.candidates().asJava()));
                }
            }
        }
        Optional<QemuJudge.Divergence> found = Optional.ofNullable(divergence);
        Optional<String> id = found.flatMap(d -> known.match(d, setup.binary().version()));
        return new Reproducer(name, title, setup, transcript.commandLine(), scenario,
                lines(transcript.exchanges(), states), found, id);
    }

    /** The model states around one step: before it, and the ones it may lead to (those QEMU's answer left). */
    private record StepStates(int step, Operation operation, List<UnitState> before, List<UnitState> after) {
    }

    private static List<Line> lines(List<QtestTranscript.Exchange> exchanges, List<StepStates> states) {
        List<Line> lines = new ArrayList<>();
        int triggeredStep = Integer.MIN_VALUE;
        for (QtestTranscript.Exchange exchange : exchanges) {
            StepStates step = states.stream().filter(s -> s.step() == exchange.step()).findFirst().orElse(null);
            if (triggers(exchange.command())) {
                triggeredStep = exchange.step();
            }
            List<String> allowed = step == null ? List.of()
                    : allowed(exchange.command(), step, triggeredStep == exchange.step());
            lines.add(new Line(exchange.command(), exchange.reply(), exchange.step(), allowed));
        }
        return lines;
    }

    /**
     * Whether {@code command} is where an operation takes effect: a write into the VT-d register page, the start of
     * an edu DMA, the raising of edu's MSI. Register reads after it in the same step see the states after the step.
     */
    private static boolean triggers(String command) {
        Matcher write = Pattern.compile("write[bwlq] 0x([0-9a-f]+) ").matcher(command);
        if (!write.lookingAt()) {
            return false;
        }
        long address = Long.parseUnsignedLong(write.group(1), 16);
        return inRegisterPage(address) || address == QemuUnit.EDU_BAR + 0x98 || address == QemuUnit.EDU_BAR + 0x60;
    }

    private static boolean inRegisterPage(long address) {
        return address >= QemuUnit.REGISTER_BASE && address < QemuUnit.REGISTER_BASE + 0x1000;
    }

    /** The answers the model allows to {@code command}, a read of a VT-d register or the scenario's memory read. */
    private static List<String> allowed(String command, StepStates step, boolean after) {
        Matcher read = REGISTER_READ.matcher(command);
        if (!read.lookingAt()) {
            return List.of();
        }
        int size = switch (read.group(1)) {
            case "b" -> 1;
            case "w" -> 2;
            case "l" -> 4;
            default -> 8;
        };
        long address = Long.parseUnsignedLong(read.group(2), 16);
        Operation asked;
        if (inRegisterPage(address)) {
            asked = new Operation.ReadRegister((int) (address - QemuUnit.REGISTER_BASE), size);
        } else if (step.operation() instanceof Operation.ReadMemory memory && (memory.address() & ~7L) == address) {
            asked = memory;
        } else {
            return List.of();
        }
        Set<String> answers = new LinkedHashSet<>();
        for (UnitState state : after ? step.after() : step.before()) {
            for (Alternative alternative : ReferenceModel.step(state, asked).alternatives()) {
                if (!(alternative.outcome().result() instanceof Result.Value value)) {
                    return List.of(); // a read the contract ignores: any answer
                }
                answers.add(String.format(Locale.ROOT, "OK 0x%016x", value.value()));
            }
        }
        return List.copyOf(answers);
    }
}
