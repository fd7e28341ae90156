package io.vtdoracle.properties.command;

/** The VMM removes listener {@code id}. */
public record Unlisten(int id) implements Command {

    @Override
    public void issue(GuestView view) {
        view.unlisten(id);
    }

    @Override
    public String toString() {
        return "unlisten L" + id;
    }
}
