package io.vtdoracle.model;

import io.vtdoracle.api.Outcome;

/** One behaviour the architecture allows for a step: what the unit answers, and the state it is in afterwards. */
public record Alternative(Outcome outcome, UnitState next) {
}
