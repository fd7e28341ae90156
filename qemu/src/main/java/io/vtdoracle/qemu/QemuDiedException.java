package io.vtdoracle.qemu;

import java.util.List;

/**
 * QEMU exited (an assertion abort, for example) or stopped answering while the adapter was driving it. The unit is
 * unusable afterwards; the judge reports the operation as a divergence and the next scenario starts a fresh QEMU.
 */
public final class QemuDiedException extends RuntimeException {

    private final List<String> lastLines;

    public QemuDiedException(String message, List<String> lastLines) {
        super(message);
        this.lastLines = List.copyOf(lastLines);
    }

    /** The last commands sent and lines QEMU printed (its assertion message among them), oldest first. */
    public List<String> lastLines() {
        return lastLines;
    }
}
