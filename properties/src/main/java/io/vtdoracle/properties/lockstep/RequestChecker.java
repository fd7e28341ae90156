package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Alternative;
import io.vtdoracle.model.Expectation;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.oracle.IrteDecoder;
import java.util.Optional;

/**
 * Checks of single device requests: the interrupt window (never DMA, no listener events), interrupt remapping
 * against the property's own {@link IrteDecoder}, and cache transparency (with nothing pending invalidation, the
 * result is the fresh walk's, and the model admits nothing else).
 */
final class RequestChecker {

    private final IrteDecoder decoder;

    RequestChecker(IrteDecoder decoder) {
        this.decoder = decoder;
    }

    /** The request's source, address, data and access, if the operation is a device request. */
    record Request(SourceId source, long address, int data, Access access) {
        static Optional<Request> of(Operation operation) {
            if (operation instanceof Operation.DmaRequest d) {
                return Optional.of(new Request(d.source(), d.address(), 0, d.access()));
            }
            if (operation instanceof Operation.InterruptRequest i) {
                return Optional.of(new Request(i.source(), i.address(), i.data(), Access.WRITE));
            }
            return Optional.empty();
        }

        boolean inWindow() {
            return Operation.inInterruptWindow(address);
        }
    }

    Optional<String> window(Request request, Outcome actual) {
        if (actual.events().stream().anyMatch(e -> e instanceof Event.ListenerNotified)) {
            return Optional.of("a device request caused listener events: " + actual.events());
        }
        if (!request.inWindow()) {
            return Optional.empty();
        }
        Result r = actual.result();
        boolean interruptResult = r instanceof Result.InterruptForwarded || r instanceof Result.InterruptFault;
        boolean ok = request.access() == Access.READ ? r instanceof Result.Blocked : interruptResult;
        return ok ? Optional.empty()
                : Optional.of("a " + request.access() + " of the interrupt window gave " + r
                        + " (interrupt result or blocked expected, never DMA)");
    }

    Optional<String> irte(GuestView view, Request request, Outcome actual) {
        if (!request.inWindow() || request.access() != Access.WRITE) {
            return Optional.empty();
        }
        IrteDecoder.Setup setup = new IrteDecoder.Setup(view.interruptRemapping(), view.interruptTable(),
                view.interruptTableSizeField(), view.extendedInterrupts(), view.compatibilityFormat());
        Result expected = decoder.decode(setup, request.source(), request.address(), request.data());
        return expected.equals(actual.result()) ? Optional.empty()
                : Optional.of("interrupt gave " + actual.result() + " but the IRTE decodes to " + expected);
    }

    /** Cache transparency; {@code expectation} may be null when the model does not run. */
    Optional<String> cache(Request request, Outcome actual, Expectation expectation) {
        Result fresh = expectation.canonical().outcome().result();
        // Another reading of an open point of the specification (docs/ambiguities.md) is not a cache: only the
        // model's own reading is held to the fresh walk here.
        for (Alternative alternative : expectation.alternatives().filter(Alternative::preferred)) {
            if (!alternative.outcome().result().equals(fresh)) {
                return Optional.of("nothing is pending invalidation, yet the model admits " + alternative.outcome()
                        .result() + " besides the fresh walk's " + fresh);
            }
        }
        return actual.result().equals(fresh) ? Optional.empty()
                : Optional.of("nothing is pending invalidation, yet the request gave " + actual.result()
                        + " where a fresh walk gives " + fresh);
    }
}
