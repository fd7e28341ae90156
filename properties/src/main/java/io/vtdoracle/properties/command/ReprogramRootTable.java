package io.vtdoracle.properties.command;

import io.vtdoracle.api.Operation;
import io.vtdoracle.guest.Registers;

/**
 * The guest moves its root table while running (habit {@link GuestHabit#ROOT_REPROGRAMMING}): the present root
 * entries are copied to a fresh page, RTADDR points at it and is read back (a driver verifying its write), SRTP
 * latches it, GSTS is read (waiting for RTPS), then the context cache and the IOTLB are invalidated globally
 * (§10.4.4: software must, after SRTP). Unlike the adversarial {@link RelocateRootTable}, the tables stay as they
 * were.
 */
public record ReprogramRootTable(Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        view.prepareRootTable();
        view.emit(new Operation.ReadRegister(Registers.RTADDR, 8));
        view.latchRootTable();
        view.emit(new Operation.ReadRegister(Registers.GSTS, 4));
        view.rootsMoved();
        if (flush != Flush.FORGOTTEN) {
            view.invalidate(Invalidation.contextGlobal(), flush.path(view));
            view.invalidate(Invalidation.iotlbGlobal(), flush.path(view));
        }
    }

    @Override
    public String toString() {
        return "reprogram the root table" + flush.describe();
    }
}
