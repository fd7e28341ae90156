package io.vtdoracle.protocol;

import io.vtdoracle.api.Event;

/**
 * The kinds of events an observer may see separately: an emulator that shows its fault recording registers but
 * has no listeners reports {@code faults} (and perhaps {@code status} and {@code interrupts}) only.
 */
public enum EventKind {
    /** Fault records ({@link Event.FaultRecorded}). */
    FAULTS("faults"),
    /** Invalidation wait status writes ({@link Event.StatusWritten}). */
    STATUS("status"),
    /** Interrupts the unit raised ({@link Event.InterruptRaised}). */
    INTERRUPTS("interrupts"),
    /** Listener notifications ({@link Event.ListenerNotified}) and overflows ({@link Event.ListenerOverflowed}). */
    LISTENERS("listeners"),
    /** Address-space switches ({@link Event.AddressSpaceSwitched}). */
    SWITCHES("switches");

    private final String jsonName;

    EventKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in a step's {@code "observed"} list. */
    public String jsonName() {
        return jsonName;
    }

    /** The kind of {@code event}. */
    public static EventKind of(Event event) {
        if (event instanceof Event.FaultRecorded) {
            return FAULTS;
        }
        if (event instanceof Event.StatusWritten) {
            return STATUS;
        }
        if (event instanceof Event.InterruptRaised) {
            return INTERRUPTS;
        }
        if (event instanceof Event.AddressSpaceSwitched) {
            return SWITCHES;
        }
        return LISTENERS;
    }
}
