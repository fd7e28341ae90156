package io.vtdoracle.properties.command;

/** An explicit invalidation (possibly of the wrong domain, or with an AM beyond MAMV). */
public record Invalidate(Invalidation invalidation, Flush flush) implements Command {

    @Override
    public void issue(GuestView view) {
        view.invalidate(invalidation, flush.path(view));
    }

    @Override
    public String toString() {
        return "invalidate " + invalidation + flush.describe();
    }
}
