package io.vtdoracle.properties.lockstep;

import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.command.Probe;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.oracle.IrteDecoder;
import io.vtdoracle.properties.oracle.MemoryMirror;
import io.vtdoracle.properties.oracle.PageWalker;
import io.vtdoracle.properties.oracle.ScalableWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The system under test of a lockstep run: the implementation under test and the reference model's state, driven
 * by the same operations. Each operation goes to the implementation; its outcome is judged by the model's
 * {@link Oracle}, which keeps every model state consistent with the outcomes so far. The enabled
 * {@link Check}s then look at the outcome with the property code's own walker, decoder and VFIO containers.
 */
public final class LockstepSystem {

    private final RemappingUnit.Factory factory;
    private final Set<Check> checks;
    private final Oracle.Judging judging;
    private final GuestView view = new GuestView();
    private final ListenerTracker listeners = new ListenerTracker();
    private final DeviceSpaceLabels space = new DeviceSpaceLabels();
    private final CachedLeafLabels cachedLeaves = new CachedLeafLabels();
    private final ListenerDomainLabels listenerDomains = new ListenerDomainLabels();
    private final StatusLabels status = new StatusLabels();
    private final ScalableCacheLabels scalableCache = new ScalableCacheLabels();
    private final PasidFpdLabels pasidFpd = new PasidFpdLabels();
    private final ListenerProbeLabels listenerProbes = new ListenerProbeLabels();
    private final PasidSelectiveLabels pasidSelective = new PasidSelectiveLabels();
    private RemappingUnit unit;
    private Oracle oracle;
    private MemoryMirror memory;
    private SyncChecker syncs;
    private RequestChecker requests;
    private IrteDecoder irte;
    private List<String> labels;

    /** A system whose refinement check judges strictly: the model's readings, the contract's exact events. */
    public LockstepSystem(RemappingUnit.Factory factory, Set<Check> checks) {
        this(factory, checks, Oracle.Judging.STRICT);
    }

    public LockstepSystem(RemappingUnit.Factory factory, Set<Check> checks, Oracle.Judging judging) {
        this.factory = factory;
        this.checks = Set.copyOf(checks);
        this.judging = judging;
    }

    private boolean runsModel() {
        return checks.contains(Check.REFINEMENT) || checks.contains(Check.CACHE_TRANSPARENCY)
                || checks.contains(Check.RUN_MODEL);
    }

    /** Runs one command; throws a {@link io.vtdoracle.check.PropertyFailure} on a failed check. */
    public StepReport run(Command command) {
        labels = new ArrayList<>();
        if (!(command instanceof Probe probe)) {
            runOne(command);
            return new StepReport(labels);
        }
        labels.addAll(CacheProbeLabels.ofProbe(probe));
        List<Command> steps = probe.steps();
        for (int k = 0; k < steps.size(); k++) {
            try {
                runOne(steps.get(k));
            } catch (LockstepFailure failure) {
                throw failure.inProbeStep(k + 1, steps.get(k));
            }
        }
        return new StepReport(labels);
    }

    /** Runs one command, or one step of a probe: each is judged as a command of its own. */
    private void runOne(Command command) {
        labelCommand(command);
        if (command instanceof PowerOn p) {
            powerOn(p.capabilities());
        }
        listeners.startCommand();
        List<Operation> operations = view.run(command);
        for (int i = 0; i < operations.size(); i++) {
            apply(i, operations.get(i));
        }
        Labels.ofSyncs(view).forEach(labels::add);
        cachedLeaves.afterCommand(view.syncs());
        listenerDomains.afterCommand(view.syncs());
        scalableCache.afterCommand(view.syncs());
        listenerProbes.afterCommand(view.syncs());
        labels.addAll(pasidSelective.afterCommand(view, view.syncs()));
        afterCommand();
    }

    private void powerOn(Capabilities capabilities) {
        unit = factory.create(capabilities);
        oracle = runsModel() ? Oracle.powerOn(capabilities, judging) : null;
        memory = new MemoryMirror(capabilities.guestMemoryBytes());
        syncs = new SyncChecker(new PageWalker(capabilities, memory), new ScalableWalker(capabilities, memory));
        irte = new IrteDecoder(memory);
        requests = new RequestChecker(irte);
    }

    private void apply(int index, Operation operation) {
        Outcome actual = unit.apply(operation);
        Expectation expectation = null;
        if (oracle != null) {
            expectation = oracle.expect(operation);
            Either<String, Oracle> judged = oracle.observe(operation, actual);
            if (judged.isLeft() && checks.contains(Check.REFINEMENT)) {
                throw Failures.at("refinement: " + Failures.kind(operation) + " " + resultKind(actual.result()),
                        index, operation, refinement(operation, actual, judged.getLeft()));
            }
            Expectation followed = expectation;
            Oracle before = oracle;
            oracle = judged.getOrElse(() -> before.restartAt(followed.canonical().next()));
            if (expectation.alternatives().size() > 1 && !actual.equals(expectation.canonical().outcome())) {
                labels.add("stale-admitted");
            }
        }
        memory.observe(operation, actual.events());
        if (operation instanceof Operation.RegisterListener r && actual.result() instanceof Result.ListenerRegistered) {
            syncs.registered(view, r.source());
        }
        listeners.observe(operation, actual.result());
        if (operation instanceof Operation.UnregisterListener) {
            syncs.unregistered(listeners);
        }
        observeEvents(index, operation, actual);
        labelOutcome(operation, actual);
        Optional<RequestChecker.Request> request = RequestChecker.Request.of(operation);
        if (request.isPresent()) {
            checkRequest(index, operation, request.get(), actual, expectation);
        }
    }

    private void observeEvents(int index, Operation operation, Outcome actual) {
        for (Event event : actual.events()) {
            if (event instanceof Event.ListenerNotified n) {
                Optional<Violation> broken = listeners.deliver(n, checks.contains(Check.TYPE1),
                        checks.contains(Check.EVENT_CONTAINMENT));
                if (broken.isPresent()) {
                    throw Failures.at(broken.get().message().startsWith("VFIO") ? "type1 container refused an event"
                            : "listener event outside its listener", index, operation, broken.get());
                }
            } else if (event instanceof Event.ListenerOverflowed o) {
                Optional<String> broken = listeners.overflowed(o);
                if (broken.isPresent() && checks.contains(Check.TYPE1)) {
                    throw Failures.at("listener overflow without emptying it", index, operation,
                            new Violation(String.valueOf(o), "an overflow of a registered MAP listener, its container"
                                    + " emptied", broken.get()));
                }
            }
        }
        if (listeners.splitAtWindow(actual.events())) {
            labels.add("events-split-at-window");
        }
    }

    private void checkRequest(int index, Operation operation, RequestChecker.Request request, Outcome actual,
                              Expectation expectation) {
        if (checks.contains(Check.INTERRUPT_WINDOW)) {
            requests.window(request, actual).ifPresent(m -> {
                throw Failures.at("interrupt window request treated as DMA", index, operation, m);
            });
        }
        boolean trusted = !view.registersTainted();
        if (checks.contains(Check.IRTE_DECODING) && trusted && request.inWindow()) {
            requests.irte(view, request, actual).ifPresent(m -> {
                throw Failures.at("interrupt remapping differs from the IRTE", index, operation, m);
            });
            labels.add("irte-checked");
        }
        if (checks.contains(Check.CACHE_TRANSPARENCY) && trusted && !view.tablesTampered() && !request.inWindow()
                && expectation != null && view.dirt().clean(request.source(),
                        view.attached().get(request.source()), request.address())) {
            requests.cache(request, actual, expectation).ifPresent(m -> {
                throw Failures.at("stale result after the matching invalidation", index, operation, m);
            });
            labels.add("cache-clean-request-checked");
        }
    }

    private void afterCommand() {
        boolean iotlb = checks.contains(Check.SYNC_AFTER_IOTLB_INVALIDATION);
        boolean context = checks.contains(Check.SYNC_AFTER_CONTEXT_INVALIDATION);
        if ((!iotlb && !context) || view.registersTainted() || !view.poweredOn()) {
            return;
        }
        for (SyncScope scope : view.syncs()) {
            syncs.switchViews(view, scope);
            if (scope.isIotlb() ? iotlb : context) {
                syncs.check(view, scope, listeners).ifPresent(m -> {
                    throw Failures.after(scope.isIotlb() ? "listener out of sync after an IOTLB invalidation"
                            : "listener out of sync after a context invalidation, TE change or replay", m);
                });
            }
        }
    }

    private void labelCommand(Command command) {
        Labels.ofCommand(view, command).forEach(labels::add);
        labels.addAll(space.ofCommand(view, command));
        labels.addAll(listenerDomains.ofCommand(view, command));
        status.observe(command);
        scalableCache.beforeCommand(command);
        pasidFpd.beforeCommand(command);
        pasidSelective.beforeCommand(command);
        labels.addAll(listenerProbes.ofCommand(view, command));
    }

    private void labelOutcome(Operation operation, Outcome actual) {
        Labels.ofOutcome(view, operation, actual).forEach(labels::add);
        labels.addAll(cachedLeaves.ofOutcome(operation, actual));
        labels.addAll(status.ofOutcome(operation, actual));
        labels.addAll(scalableCache.ofOutcome(view, operation, actual));
        labels.addAll(pasidFpd.ofOutcome(operation, actual));
        if (operation instanceof Operation.InterruptRequest request) {
            labels.addAll(DeviceSpaceLabels.ofInterrupt(irte, view, request));
        }
    }

    /**
     * A refinement failure as data: the outcome seen, the outcomes the model admits from every state the unit may be
     * in, and the specification sections of the rules that decided them.
     */
    private Violation refinement(Operation operation, Outcome actual, String message) {
        io.vavr.collection.List<Alternative> admitted = oracle.admitted(operation);
        String sections = admitted.flatMap(Alternative::sections).distinct().mkString(", ");
        return new Violation(actual.toString(), admitted.map(a -> a.outcome().toString()).distinct().mkString(" | "),
                message, sections.isEmpty() ? null : sections);
    }

    private static String resultKind(Result result) {
        return result.getClass().getSimpleName();
    }

    /** The view this system expands commands with. */
    public GuestView view() {
        return view;
    }
}
