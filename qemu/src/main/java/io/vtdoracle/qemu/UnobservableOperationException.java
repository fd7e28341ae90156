package io.vtdoracle.qemu;

import io.vtdoracle.api.Operation;

/**
 * An operation the QEMU adapter cannot perform or observe (a DMA from a device other than edu, an address edu
 * cannot reach, a listener). Generators driving a {@link QemuUnit} must not produce such operations.
 */
public final class UnobservableOperationException extends UnsupportedOperationException {

    private final transient Operation operation;

    public UnobservableOperationException(Operation operation, String why) {
        super("not observable in QEMU: " + operation + ": " + why);
        this.operation = operation;
    }

    public Operation operation() {
        return operation;
    }
}
