package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Encoding;

/** An invalidation wait descriptor with status write, interrupt flag and fence as given (SW+IF is legal, §6.5.2.8). */
public record QueueWait(boolean statusWrite, boolean interrupt, boolean fence) implements Command {

    @Override
    public void issue(GuestView view) {
        if (view.queueAddress() < 0) {
            return;
        }
        view.driver().submit(Encoding.invalidationWait(statusWrite, interrupt, fence, view.nextStatusData(),
                view.statusPage()));
    }

    @Override
    public String toString() {
        return "wait" + (statusWrite ? " sw" : "") + (interrupt ? " if" : "") + (fence ? " fn" : "");
    }
}
