package io.vtdoracle.qemu;

/**
 * What the adapter exchanged with QEMU over qtest: round trips (a write of one or more commands, then the wait for
 * all their replies), commands sent, lines received (replies and QEMU's trace lines) and the time spent waiting
 * for replies.
 */
public record Traffic(long roundTrips, long commands, long lines, long waitNanos) {

    public static final Traffic NONE = new Traffic(0, 0, 0, 0);

    public Traffic plus(Traffic other) {
        return new Traffic(roundTrips + other.roundTrips, commands + other.commands, lines + other.lines,
                waitNanos + other.waitNanos);
    }

    public Traffic minus(Traffic other) {
        return new Traffic(roundTrips - other.roundTrips, commands - other.commands, lines - other.lines,
                waitNanos - other.waitNanos);
    }
}
