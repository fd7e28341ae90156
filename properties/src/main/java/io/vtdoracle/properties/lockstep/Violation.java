package io.vtdoracle.properties.lockstep;

/**
 * What a check found wrong: what the unit showed, what the check allowed, and the sentence of the report.
 *
 * @param seen    what the unit showed
 * @param allowed what the check allowed instead
 * @param message one sentence saying both
 * @param section the specification sections of the rule that decided what is allowed, or null if unknown
 */
record Violation(String seen, String allowed, String message, String section) {

    /** A violation of a rule of the property's own (no specification section). */
    Violation(String seen, String allowed, String message) {
        this(seen, allowed, message, null);
    }
}
