package io.vtdoracle.qemu;

import java.util.List;

/**
 * Sees the qtest conversation of one QEMU line by line, as it happens: the command line QEMU was started with,
 * every line written to its stdin (in the order written, whatever batching the adapter does) and every reply line
 * ("OK ...", "FAIL ...") read back. Trace lines are not replies and are not passed. {@link QtestTranscript} records
 * them for a reproducer.
 */
interface QtestTap {

    /** Taps nothing. */
    QtestTap NONE = new QtestTap() {
    };

    /** QEMU was started with {@code command} (the binary first). */
    default void started(List<String> command) {
    }

    /** {@code line} (without its newline) was written to QEMU's stdin. */
    default void sent(String line) {
    }

    /** {@code reply} is QEMU's answer to the oldest line sent and not yet answered. */
    default void answered(String reply) {
    }
}
