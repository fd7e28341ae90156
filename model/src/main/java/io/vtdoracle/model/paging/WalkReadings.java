package io.vtdoracle.model.paging;

/**
 * How a fresh walk reads the open points of the specification about walks (docs/ambiguities.md): the model's own
 * readings ({@link #PREFERRED}), or others, whose behaviours the model admits flagged with their ambiguity.
 *
 * @param order               A1: at an entry lacking the request's right, reserved bits or permission first
 * @param accessedBeforeFault A7: a first-stage walk that faults has set A in the entries it used before the fault
 * @param snoopReserved       A8: without ECAP.SC, SNP (bit 11) of a scalable-mode second-stage leaf is reserved
 */
public record WalkReadings(PageWalk.Order order, boolean accessedBeforeFault, boolean snoopReserved) {

    /** The model's readings: reserved bits first, A only on a walk that translates, SNP reserved. */
    public static final WalkReadings PREFERRED = new WalkReadings(PageWalk.Order.RESERVED_FIRST, false, true);

    /** These readings with permission first (A1). */
    public WalkReadings permissionFirst() {
        return new WalkReadings(PageWalk.Order.PERMISSION_FIRST, accessedBeforeFault, snoopReserved);
    }

    /** These readings with A set in the entries a faulting first-stage walk used (A7). */
    public WalkReadings settingAccessedBeforeFault() {
        return new WalkReadings(order, true, snoopReserved);
    }

    /** These readings with SNP of a scalable-mode second-stage leaf not reserved (A8). */
    public WalkReadings snoopNotReserved() {
        return new WalkReadings(order, accessedBeforeFault, false);
    }
}
