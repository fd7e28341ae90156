package io.vtdoracle.impl.fault;

import io.vtdoracle.impl.EventSink;
import io.vtdoracle.api.Event;

/**
 * One of the unit's own interrupts (§7.3 fault event, §6.5.2.9 invalidation completion event): a control register
 * with IM (bit 31, reset 1) and IP (bit 30, read-only), and the message registers DATA (31:0), ADDR (31:2) and
 * UADDR (31:0). When its status becomes set from clear, IP is set and, if not masked, the message is sent and IP
 * cleared; unmasking with IP set sends it; clearing the status clears IP (contract §4 step 5).
 */
public final class EventInterrupt {

    private static final int IM = 1 << 31;
    private static final int IP = 1 << 30;

    private final Event.InterruptSource source;
    private final EventSink events;
    private boolean masked = true;
    private boolean pending;
    private int data;
    private int address;
    private int upperAddress;

    public EventInterrupt(Event.InterruptSource source, EventSink events) {
        this.source = source;
        this.events = events;
    }

    /** The status behind this interrupt became set while none of it was set before. */
    public void statusSet() {
        pending = true;
        sendIfUnmasked();
    }

    /** Software cleared the whole status: IP is cleared. */
    public void statusCleared() {
        pending = false;
    }

    public int readControl() {
        return (masked ? IM : 0) | (pending ? IP : 0);
    }

    public void writeControl(int value) {
        masked = (value & IM) != 0;
        sendIfUnmasked();
    }

    public int data() {
        return data;
    }

    public void data(int value) {
        data = value;
    }

    public int address() {
        return address;
    }

    public void address(int value) {
        address = value & ~3;
    }

    public int upperAddress() {
        return upperAddress;
    }

    public void upperAddress(int value) {
        upperAddress = value;
    }

    private void sendIfUnmasked() {
        if (pending && !masked) {
            long messageAddress = (upperAddress & 0xFFFF_FFFFL) << 32 | (address & 0xFFFF_FFFFL);
            events.event(new Event.InterruptRaised(source, messageAddress, data));
            pending = false;
        }
    }
}
