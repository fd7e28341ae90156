package io.vtdoracle.check;

/** How running a test body on one test case ended. Ordered from least to most interesting. */
public enum Status {
    /** The case needed more choices than its budget (or than the replayed prefix held). */
    OVERRUN,
    /** The case was rejected: a filter gave up, an assumption or a precondition failed. */
    INVALID,
    /** The body ran to the end without failing. */
    VALID,
    /** The body failed: this case is a counterexample. */
    INTERESTING
}
