package io.vtdoracle.api;

/**
 * A VT-d remapping unit as the project sees it: operations in, outcomes out. The reference model, the optimized
 * implementation and any adapter to an external implementation (a VMM's emulation) all satisfy it.
 */
public interface RemappingUnit {

    /** Applies one operation to the unit and returns what it produced. Never throws for any operation. */
    Outcome apply(Operation operation);

    /** Makes remapping units in their power-on state. */
    @FunctionalInterface
    interface Factory {
        RemappingUnit create(Capabilities capabilities);
    }
}
