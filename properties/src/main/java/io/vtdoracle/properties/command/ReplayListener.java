package io.vtdoracle.properties.command;

/** The VMM asks for a replay to listener {@code id}. */
public record ReplayListener(int id) implements Command {

    @Override
    public void issue(GuestView view) {
        view.replay(id);
    }

    @Override
    public String toString() {
        return "replay L" + id;
    }
}
