package io.vtdoracle.properties.command;

/** The guest sets or clears GCMD.CFI (compatibility-format interrupts pass through, §5.1.4). */
public record SetCompatibilityFormat(boolean on) implements Command {

    @Override
    public void issue(GuestView view) {
        view.driver().enableCompatibilityFormat(on);
        view.setCompatibilityFormat(on);
    }

    @Override
    public String toString() {
        return on ? "compatibility format on" : "compatibility format off";
    }
}
