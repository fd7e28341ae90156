package io.vtdoracle.properties.lockstep;

/**
 * What a check found wrong: what the unit showed, what the check allowed, and the sentence of the report.
 *
 * @param seen    what the unit showed
 * @param allowed what the check allowed instead
 * @param message one sentence saying both
 */
record Violation(String seen, String allowed, String message) {
}
