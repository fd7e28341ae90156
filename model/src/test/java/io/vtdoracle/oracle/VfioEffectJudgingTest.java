package io.vtdoracle.oracle;

import io.vavr.control.Either;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.model.Ambiguity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listener events judged by their effect on a VFIO type1 container (Oracle.Judging.Listeners.VFIO_EFFECT) or in
 * the contract's exact shape (EXACT): two VFIO listeners of one device, one below and one above 4 MiB, get a 4 KiB
 * leaf and a 2 MiB leaf on a global IOTLB invalidation.
 */
class VfioEffectJudgingTest {

    private static final SourceId DEVICE = SourceId.of(0, 3, 0);
    private static final ListenerId LOW = new ListenerId(1);
    private static final ListenerId HIGH = new ListenerId(2);
    private static final Oracle.Judging EFFECT = new Oracle.Judging(Oracle.Judging.Listeners.VFIO_EFFECT,
            Oracle.Judging.Readings.PREFERRED);

    private final GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x100_0000);
    private final List<Operation> before = new ArrayList<>();
    private Domain domain;

    @BeforeEach
    void twoListenersThenTwoLeaves() {
        driver.setRootTable();
        domain = driver.createDomain(5);
        driver.attach(DEVICE, domain);
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        before.addAll(driver.drain());
        before.add(listener(LOW, 0, 0x3F_FFFF));
        before.add(listener(HIGH, 0x40_0000, 0x7F_FFFF));
        driver.map(domain, 0x1000, 0x9000, PageSize.SIZE_4K, Permission.READ_WRITE);
        driver.map(domain, 0x60_0000, 0x80_0000, PageSize.SIZE_2M, Permission.READ);
        before.addAll(driver.drain());
    }

    @Test
    void theContractsOwnEventsAreAcceptedInBothModes() {
        Step step = invalidate();
        assertThat(step.judged(Oracle.Judging.STRICT, step.contract).isRight()).isTrue();
        assertThat(step.judged(EFFECT, step.contract).isRight()).isTrue();
    }

    @Test
    void listenersInAnotherOrderAreAcceptedByEffectOnly() {
        Step step = invalidate();
        List<Event> reordered = new ArrayList<>(step.contract.events());
        java.util.Collections.reverse(reordered);
        Outcome other = new Outcome(step.contract.result(), reordered);

        assertThat(step.judged(EFFECT, other).isRight()).isTrue();
        assertThat(step.judged(Oracle.Judging.STRICT, other).isLeft()).isTrue();
    }

    @Test
    void aTwoMegabyteMapSentAsTwoOneMegabyteMapsIsAcceptedByEffectOnly() {
        Step step = invalidate();
        Outcome split = new Outcome(step.contract.result(), List.of(map(LOW, 0x1000, 0x9000, 0xFFF),
                map(HIGH, 0x60_0000, 0x80_0000, 0xF_FFFF), map(HIGH, 0x70_0000, 0x90_0000, 0xF_FFFF)));

        assertThat(step.judged(EFFECT, split).isRight()).isTrue();
        assertThat(step.judged(Oracle.Judging.STRICT, split).isLeft()).isTrue();
    }

    @Test
    void aDoubleMapIsRejectedInBothModes() {
        Step step = invalidate();
        List<Event> twice = new ArrayList<>(step.contract.events());
        twice.add(map(LOW, 0x1000, 0x9000, 0xFFF));
        Outcome doubled = new Outcome(step.contract.result(), twice);

        assertThat(step.judged(EFFECT, doubled).getLeft()).contains("EEXIST");
        assertThat(step.judged(Oracle.Judging.STRICT, doubled).isLeft()).isTrue();
    }

    @Test
    void aPartialUnmapIsRejectedInBothModes() {
        Step mapped = invalidate();
        driver.unmap(domain, 0x60_0000, PageSize.SIZE_2M);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        List<Operation> unmapping = driver.drain();
        for (Oracle.Judging judging : List.of(EFFECT, Oracle.Judging.STRICT)) {
            Oracle oracle = mapped.judged(judging, mapped.contract).get();
            for (Operation operation : unmapping.subList(0, unmapping.size() - 1)) {
                oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
            }
            Operation invalidation = unmapping.get(unmapping.size() - 1);
            Outcome contract = oracle.expect(invalidation).canonical().outcome();
            Outcome half = new Outcome(contract.result(), List.of(new Event.ListenerNotified(HIGH,
                    Event.NotificationType.UNMAP, 0x60_0000, 0, 0xF_FFFF, Permission.NONE)));

            Either<String, Oracle> verdict = oracle.observe(invalidation, half);

            assertThat(verdict.isLeft()).as("%s", judging).isTrue();
            if (judging == EFFECT) {
                assertThat(verdict.getLeft()).contains("would unmap part of held mapping");
            }
        }
    }

    /**
     * A5: the guest clears the PDE above 0x1000 and 0x2000 but invalidates only 0x1000. The contract UNMAPs that
     * page; a unit that, like QEMU's page walk, UNMAPs the whole 2 MiB the cleared entry covers is accepted under
     * A5's other reading by default, and refused by strict readings or exact events.
     */
    @Test
    void unmappingTheWholeClearedEntryIsAcceptedOnlyUnderA5() {
        driver.map(domain, 0x2000, 0xA000, PageSize.SIZE_4K, Permission.READ_WRITE);
        Step filled = invalidate();
        long directory = driver.readWord(domain.table()) & ~0xFFFL;
        driver.writeWord(directory, 0);
        driver.invalidateIotlbPage(InvalidationPath.REGISTER, 5, 0x1000, 0, false);
        List<Operation> clearing = driver.drain();
        for (Oracle.Judging judging : List.of(Oracle.Judging.DEFAULT, EFFECT, Oracle.Judging.STRICT)) {
            Oracle oracle = filled.prepared(judging).observe(filled.last, filled.contract).get();
            for (Operation operation : clearing.subList(0, clearing.size() - 1)) {
                oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
            }
            Operation invalidation = clearing.get(clearing.size() - 1);
            Outcome contract = oracle.expect(invalidation).canonical().outcome();
            assertThat(contract.events()).containsExactly(new Event.ListenerNotified(LOW, Event.NotificationType.UNMAP,
                    0x1000, 0, 0xFFF, Permission.NONE));
            Outcome whole = new Outcome(contract.result(), List.of(new Event.ListenerNotified(LOW,
                    Event.NotificationType.UNMAP, 0, 0, 0x1F_FFFF, Permission.NONE)));

            Either<String, Oracle> verdict = oracle.observe(invalidation, whole);

            if (judging == Oracle.Judging.DEFAULT) {
                assertThat(verdict.isRight()).as("%s", verdict).isTrue();
                assertThat(verdict.get().acceptedUnder()).contains("accepted under " + Ambiguity.A5.otherReading());
            } else {
                assertThat(verdict.isLeft()).as("%s", judging).isTrue();
            }
        }
    }

    /** Not A5: unmapping a whole 2 MiB whose entry is still present (only a leaf below it was cleared). */
    @Test
    void unmappingAWholePresentEntryIsRejected() {
        driver.map(domain, 0x2000, 0xA000, PageSize.SIZE_4K, Permission.READ_WRITE);
        Step filled = invalidate();
        driver.unmap(domain, 0x1000, PageSize.SIZE_4K);
        driver.invalidateIotlbPage(InvalidationPath.REGISTER, 5, 0x1000, 0, false);
        List<Operation> clearing = driver.drain();
        Oracle oracle = filled.prepared(Oracle.Judging.DEFAULT).observe(filled.last, filled.contract).get();
        for (Operation operation : clearing.subList(0, clearing.size() - 1)) {
            oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
        }
        Operation invalidation = clearing.get(clearing.size() - 1);
        Outcome whole = new Outcome(oracle.expect(invalidation).canonical().outcome().result(), List.of(
                new Event.ListenerNotified(LOW, Event.NotificationType.UNMAP, 0, 0, 0x1F_FFFF, Permission.NONE)));

        assertThat(oracle.observe(invalidation, whole).isLeft()).isTrue();
    }

    /** The global IOTLB invalidation that fills both listeners, with the oracle before it. */
    private Step invalidate() {
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        List<Operation> operations = new ArrayList<>(before);
        operations.addAll(driver.drain());
        return new Step(operations);
    }

    private final class Step {
        final List<Operation> setUp;
        final Operation last;
        final Outcome contract;

        Step(List<Operation> operations) {
            setUp = operations.subList(0, operations.size() - 1);
            last = operations.get(operations.size() - 1);
            contract = prepared(Oracle.Judging.STRICT).expect(last).canonical().outcome();
            assertThat(contract.events()).as("the contract maps the leaves").hasSizeGreaterThanOrEqualTo(2);
        }

        Oracle prepared(Oracle.Judging judging) {
            Oracle oracle = Oracle.powerOn(Capabilities.DEFAULT, judging);
            for (Operation operation : setUp) {
                oracle = oracle.observe(operation, oracle.expect(operation).canonical().outcome()).get();
            }
            return oracle;
        }

        Either<String, Oracle> judged(Oracle.Judging judging, Outcome actual) {
            return prepared(judging).observe(last, actual);
        }
    }

    private static Operation listener(ListenerId id, long first, long last) {
        return new Operation.RegisterListener(id, DEVICE, first, last, Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP));
    }

    private static Event map(ListenerId listener, long iova, long translated, long mask) {
        return new Event.ListenerNotified(listener, Event.NotificationType.MAP, iova, translated, mask,
                listener.equals(LOW) ? Permission.READ_WRITE : Permission.READ);
    }
}
