package io.vtdoracle.properties.command;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A short scenario run as one step, so that a state worth checking is reached reliably rather than by the chance
 * of independent moves lining up: e.g. a DMA that fills the IOTLB, a table change without the matching
 * invalidation, and the same DMA again (a stale probe). Each step is an ordinary command; the probe prints them
 * in order, so a shrunk script stays readable.
 *
 * @param purpose what the probe aims at, printed first
 * @param steps   the commands, issued in order
 */
public record Probe(String purpose, List<Command> steps) implements Command {

    public Probe {
        steps = List.copyOf(steps);
    }

    @Override
    public void issue(GuestView view) {
        for (Command step : steps) {
            step.issue(view);
        }
    }

    @Override
    public String toString() {
        return purpose + " probe: " + steps.stream().map(Object::toString).collect(Collectors.joining("; "));
    }
}
