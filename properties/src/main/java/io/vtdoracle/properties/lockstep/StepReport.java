package io.vtdoracle.properties.lockstep;

import java.util.List;

/** What the system did for one command, for the run's statistics: the labels the step earned. */
public record StepReport(List<String> labels) {

    public StepReport {
        labels = List.copyOf(labels);
    }
}
