package io.vtdoracle.oracle;

import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Outcome;

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
     * the model's {@code expected} one: the same result, the same other events in the same order, and every VFIO
     * container holding what the contract's events would have left in it.
     */
    boolean matches(Outcome expected, Outcome actual, Map<ListenerId, Type1Container> filled) {
        if (!expected.result().equals(actual.result()) || !others(expected).equals(others(actual))) {
            return false;
        }
        List<Event.ListenerNotified> contract = vfio(expected);
        return contract.appendAll(vfio(actual)).map(Event.ListenerNotified::listener).distinct()
                .forAll(listener -> contract.filter(event -> event.listener().equals(listener))
                        .foldLeft(before.get(listener).get(), Type1Container::overwrite).effect()
                        .equals(filled.get(listener).get().effect()));
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
