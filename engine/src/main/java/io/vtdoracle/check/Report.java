package io.vtdoracle.check;

/**
 * The result of a property that held (a failing property throws instead).
 *
 * @param property     the property name
 * @param seed         the seed of the run
 * @param validCases   cases that ran to the end
 * @param invalidCases cases rejected (filters, assumptions, preconditions) or overrun
 * @param statistics   the labels of the valid cases
 */
public record Report(String property, long seed, int validCases, int invalidCases,
                     Statistics statistics) {
}
