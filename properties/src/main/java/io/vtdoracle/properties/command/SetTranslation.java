package io.vtdoracle.properties.command;

/** The guest sets or clears GCMD.TE. */
public record SetTranslation(boolean on) implements Command {

    @Override
    public void issue(GuestView view) {
        view.setTranslation(on);
    }

    @Override
    public String toString() {
        return on ? "translation on" : "translation off";
    }
}
