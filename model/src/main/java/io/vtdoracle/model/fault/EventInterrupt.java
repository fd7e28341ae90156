package io.vtdoracle.model.fault;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vtdoracle.api.Event;

/**
 * The control, data, address and upper address registers of one of the unit's own interrupts: the fault event
 * (FECTL, FEDATA, FEADDR, FEUADDR, §10.4.10 – §10.4.13) or the invalidation completion event (IECTL, IEDATA,
 * IEADDR, IEUADDR, §10.4.25 – §10.4.28).
 *
 * @param masked       xECTL.IM (bit 31), 1 at reset
 * @param pending      xECTL.IP (bit 30), read-only
 * @param data         xEDATA bits 31:0
 * @param address      xEADDR bits 31:2 (bits 1:0 read 0)
 * @param upperAddress xEUADDR bits 31:0
 */
public record EventInterrupt(boolean masked, boolean pending, int data, int address, int upperAddress) {

    /** IM = 1, everything else 0 (§10.4.10). */
    public static final EventInterrupt POWER_ON = new EventInterrupt(true, false, 0, 0, 0);

    static final int IM = 1 << 31;
    static final int IP = 1 << 30;

    /** The control register as software reads it. */
    public int control() {
        return (masked ? IM : 0) | (pending ? IP : 0);
    }

    /**
     * §7.3.1, §6.5.2.9: an interrupt condition was detected. IP is set; if IM = 0 the message is sent and IP
     * cleared.
     */
    Tuple2<EventInterrupt, List<Event>> signal(Event.InterruptSource source) {
        return masked
                ? Tuple.of(withPending(true), List.empty())
                : Tuple.of(withPending(false), List.of(message(source)));
    }

    /** A write of the control register: IM follows; unmasking with IP = 1 sends the pending message. */
    Tuple2<EventInterrupt, List<Event>> writeControl(int value, Event.InterruptSource source) {
        EventInterrupt written = new EventInterrupt((value & IM) != 0, pending, data, address, upperAddress);
        return !written.masked && pending ? written.signal(source) : Tuple.of(written, List.empty());
    }

    /** Software serviced the condition (§10.4.10: IP is cleared when the status bits are). */
    EventInterrupt serviced() {
        return withPending(false);
    }

    EventInterrupt withData(int value) {
        return new EventInterrupt(masked, pending, value, address, upperAddress);
    }

    EventInterrupt withAddress(int value) {
        return new EventInterrupt(masked, pending, data, value & ~3, upperAddress);
    }

    EventInterrupt withUpperAddress(int value) {
        return new EventInterrupt(masked, pending, data, address, value);
    }

    private EventInterrupt withPending(boolean value) {
        return new EventInterrupt(masked, value, data, address, upperAddress);
    }

    private Event message(Event.InterruptSource source) {
        return new Event.InterruptRaised(source,
                (upperAddress & 0xFFFF_FFFFL) << 32 | (address & 0xFFFF_FFFFL), data);
    }
}
