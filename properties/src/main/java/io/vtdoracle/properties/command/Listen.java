package io.vtdoracle.properties.command;

/** The VMM registers a listener and, as VFIO does, asks for a replay to fill it. */
public record Listen(ListenerSpec spec, boolean replay) implements Command {

    @Override
    public void issue(GuestView view) {
        view.listen(spec);
        if (replay) {
            view.replay(spec.id());
        }
    }

    @Override
    public String toString() {
        return "listen " + spec + (replay ? " + replay" : "");
    }
}
