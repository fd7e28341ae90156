package io.vtdoracle.check;

/**
 * The code of a property, run once per test case. It draws its inputs from the case; it fails by
 * throwing (an assertion, an exception, a {@link PropertyFailure}) and passes by returning.
 */
@FunctionalInterface
public interface TestBody {

    /** Runs the property on one test case. */
    void run(TestCase tc) throws Exception;
}
