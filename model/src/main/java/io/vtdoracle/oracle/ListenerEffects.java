package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Ambiguity;
import io.vtdoracle.model.UnitState;
import io.vtdoracle.model.notifier.AddressSpaces;
import io.vtdoracle.model.paging.PageWalk;

/**
 * VFIO-effect judging of one step (docs/semantics.md §7.6): the MAP and UNMAP events of the listeners that have
 * both flags — VFIO's — are judged by what they do to a type1 container, every other event exactly and in order.
 *
 * @param before each VFIO listener's container before the step
 */
record ListenerEffects(Map<ListenerId, Type1Container> before) {

    /**
     * Each VFIO listener's container after the unit's own MAP and UNMAP events of the step, in the order it sent
     * them, or why a container refused one or an event is not a naturally aligned block.
     */
    Either<String, Map<ListenerId, Type1Container>> fill(Outcome actual) {
        Map<ListenerId, Type1Container> containers = before;
        for (Event.ListenerNotified event : vfio(actual)) {
            if (!aligned(event)) {
                return Either.left("listener event " + event + " is not a naturally aligned block");
            }
            Either<String, Type1Container> handled = containers.get(event.listener()).get().handle(event);
            if (handled.isLeft()) {
                return Either.left("the VFIO type1 container of " + event.listener() + " refuses an event: "
                        + handled.getLeft());
            }
            containers = containers.put(event.listener(), handled.get());
        }
        return Either.right(containers);
    }

    /**
     * Whether the unit's {@code actual} outcome, whose events left the containers {@code filled}, has the effect of
     * the model's {@code expected} alternative: the same result, the same other events in the same order, and every
     * VFIO container holding what the contract's events would have left in it — or that minus the ranges of
     * not-present paging entries the unit unmapped whole, which only ambiguity A5's other reading admits. None when
     * it does not; otherwise the readings it needed.
     */
    Option<List<Ambiguity.Reading>> matches(Alternative expected, Outcome actual,
                                            Map<ListenerId, Type1Container> filled) {
        Outcome contract = expected.outcome();
        if (!contract.result().equals(actual.result()) || !others(contract).equals(others(actual))) {
            return Option.none();
        }
        List<Event.ListenerNotified> contractEvents = vfio(contract);
        List<Event.ListenerNotified> unitEvents = vfio(actual);
        List<ListenerId> touched = contractEvents.appendAll(unitEvents).map(Event.ListenerNotified::listener).distinct();
        List<Ambiguity.Reading> needed = List.empty();
        for (ListenerId listener : touched) {
            Type1Container intended = contractEvents.filter(event -> event.listener().equals(listener))
                    .foldLeft(before.get(listener).get(), Type1Container::overwrite);
            List<Type1Container.Mapping> actualEffect = filled.get(listener).get().effect();
            if (intended.effect().equals(actualEffect)) {
                continue;
            }
            List<Event.ListenerNotified> wholeEntries = unitEvents.filter(event -> event.listener().equals(listener)
                    && event.type() == Event.NotificationType.UNMAP
                    && wholeNotPresentEntry(expected.next(), intended.device(), event));
            if (wholeEntries.isEmpty()
                    || !wholeEntries.foldLeft(intended, Type1Container::overwrite).effect().equals(actualEffect)) {
                return Option.none();
            }
            needed = needed.append(Ambiguity.A5.otherReading());
        }
        return Option.some(needed.distinct());
    }

    /**
     * A5: whether {@code unmap} covers exactly a not-present non-leaf entry of {@code device}'s current tables (what
     * QEMU's page walk notifies when it meets one inside an invalidated range).
     */
    private static boolean wholeNotPresentEntry(UnitState state, SourceId device, Event.ListenerNotified unmap) {
        if (unmap.addressMask() < PageWalk.pageMask(2) || !state.registers().translationEnabled()) {
            return false;
        }
        return AddressSpaces.secondLevelTables(state, device)
                .flatMap(tables -> PageWalk.notPresentEntryMask(state.memory(), state.capabilities(), tables._1,
                        tables._2, unmap.iova()))
                .contains(unmap.addressMask());
    }

    private List<Event.ListenerNotified> vfio(Outcome outcome) {
        return List.ofAll(outcome.events()).filter(this::isVfio).map(Event.ListenerNotified.class::cast);
    }

    private List<Event> others(Outcome outcome) {
        return List.ofAll(outcome.events()).filter(event -> !isVfio(event));
    }

    private boolean isVfio(Event event) {
        return event instanceof Event.ListenerNotified notified && notified.type() != Event.NotificationType.DEVICE_IOTLB_UNMAP
                && before.containsKey(notified.listener());
    }

    /** Contract §7.2: a block of 2^k bytes at an IOVA (and, for MAP, an output address) aligned to it. */
    private static boolean aligned(Event.ListenerNotified event) {
        long mask = event.addressMask();
        boolean block = (mask & (mask + 1)) == 0 && (event.iova() & mask) == 0;
        return block && (event.type() != Event.NotificationType.MAP || (event.translatedAddress() & mask) == 0);
    }
}
