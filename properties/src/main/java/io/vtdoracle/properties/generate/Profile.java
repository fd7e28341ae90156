package io.vtdoracle.properties.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * How often each {@link Move} is drawn, and how often the guest makes mistakes (forgotten or misdirected
 * invalidations, AM beyond MAMV, wrong domains), and in what share of the cases the unit has scalable mode (and the
 * guest programs it). Each property suite uses the profile that reaches its states.
 */
public record Profile(String name, Map<Move, Double> weights, double mistakes, double scalable) {

    /** The share of scalable-mode cases of the campaign's profiles. */
    public static final double SCALABLE_SHARE = 0.35;

    public Profile {
        weights = Map.copyOf(weights);
    }

    public double weight(Move move) {
        return weights.getOrDefault(move, 0.0);
    }

    public Profile with(Move move, double weight) {
        EnumMap<Move, Double> copy = new EnumMap<>(Move.class);
        copy.putAll(weights);
        copy.put(move, weight);
        return new Profile(name, copy, mistakes, scalable);
    }

    public Profile withMistakes(double value) {
        return new Profile(name, weights, value, scalable);
    }

    public Profile named(String value) {
        return new Profile(value, weights, mistakes, scalable);
    }

    /** The share of cases whose unit has scalable mode (0: legacy mode only, for a unit without it). */
    public Profile withScalable(double share) {
        return new Profile(name, weights, mistakes, share);
    }

    /** A Linux guest under VFIO with a little of everything, adversarial moves at small weight. */
    public static Profile balanced() {
        EnumMap<Move, Double> w = new EnumMap<>(Move.class);
        w.put(Move.MAP, 8.0);
        w.put(Move.UNMAP, 4.0);
        w.put(Move.ATTACH, 5.0);
        w.put(Move.DETACH, 1.0);
        w.put(Move.TRANSLATION, 1.0);
        w.put(Move.INVALIDATE, 2.0);
        w.put(Move.WAIT, 1.0);
        w.put(Move.IRTE, 2.0);
        w.put(Move.COMPATIBILITY, 0.5);
        w.put(Move.SERVICE_FAULTS, 1.0);
        w.put(Move.DEVICE_TLB, 0.5);
        w.put(Move.DMA, 10.0);
        w.put(Move.INTERRUPT, 3.0);
        w.put(Move.LISTEN, 1.5);
        w.put(Move.LISTEN_VFIO, 2.0);
        w.put(Move.UNLISTEN, 0.5);
        w.put(Move.REPLAY, 1.0);
        w.put(Move.RAW_MEMORY, 0.4);
        w.put(Move.CORRUPT_PTE, 1.2);
        w.put(Move.CORRUPT_ROOT, 0.5);
        w.put(Move.RAW_CONTEXT, 0.8);
        w.put(Move.RAW_REGISTER, 0.3);
        w.put(Move.REGISTER_READ, 0.5);
        w.put(Move.GARBAGE_DESCRIPTOR, 0.3);
        w.put(Move.RELOCATE_ROOT, 0.2);
        w.put(Move.STALE_PROBE, 1.0);
        w.put(Move.FAULT_PROBE, 1.0);
        w.put(Move.SPLIT_PROBE, 0.5);
        w.put(Move.IRQ_PROBE, 0.5);
        w.put(Move.TWIN_PROBE, 0.6);
        w.put(Move.SIBLING_PROBE, 0.6);
        w.put(Move.FUNCTION_MASK_PROBE, 0.6);
        w.put(Move.SOURCE_ID_PROBE, 0.5);
        w.put(Move.REPROGRAM_ROOT, 2.0);
        w.put(Move.RIGHTS_PROBE, 0.8);
        w.put(Move.PARTIAL_UNMAP_PROBE, 0.5);
        w.put(Move.DOMAIN_HOPS_PROBE, 0.2);
        w.put(Move.STALE_LATE_PROBE, 1.0);
        w.put(Move.DEVICE_TLB_WHOLE_SPACE_PROBE, 1.5);
        w.put(Move.NOT_PRESENT_ABOVE_LEAF_PROBE, 0.8);
        w.put(Move.IRTE_AT_MEMORY_END_PROBE, 0.5);
        w.put(Move.POINTER_BEYOND_HAW_PROBE, 0.8);
        w.put(Move.QUEUE_ERROR_PROBE, 0.2);
        w.put(Move.FAULT_OVERFLOW_PROBE, 0.1);
        w.put(Move.COMPLETION_STATUS_PROBE, 0.2);
        w.put(Move.UNREQUESTED_INVALIDATION_PROBE, 0.2);
        w.put(Move.FPD_PROBE, 0.1);
        w.put(Move.RID_PASID_PROBE, 1.5);
        w.put(Move.PIOTLB_RANGE_PROBE, 1.5);
        w.put(Move.PASID_FPD_PROBE, 2.0);
        w.put(Move.WINDOW_RUN_PROBE, 0.2);
        w.put(Move.SUPERPAGE_RESHAPE_PROBE, 0.3);
        w.put(Move.EMPTIED_TABLES_PROBE, 0.1);
        w.put(Move.UNALIGNED_LISTENER_PROBE, 0.2);
        w.put(Move.DESCENDING_RUN_PROBE, 0.2);
        w.put(Move.HALF_BOUNDARY_PROBE, 0.3);
        w.put(Move.PASID_SELECTIVE_SKIP_PROBE, 0.3);
        w.put(Move.SHARED_FRAMES_PROBE, 0.2);
        w.put(Move.ALIASED_TABLES_PROBE, 0.2);
        return new Profile("balanced", w, 0.08, SCALABLE_SHARE);
    }

    /** Listeners, maps, unmaps and invalidations (exactly-once): fewer adversarial moves. */
    public static Profile listeners() {
        return balanced().named("listeners").with(Move.LISTEN_VFIO, 4).with(Move.LISTEN, 2).with(Move.DMA, 3)
                .with(Move.INTERRUPT, 1).with(Move.IRTE, 0.5).with(Move.RAW_REGISTER, 0.1)
                .with(Move.RELOCATE_ROOT, 0.05).with(Move.GARBAGE_DESCRIPTOR, 0.2).with(Move.FAULT_PROBE, 0.2)
                .with(Move.SPLIT_PROBE, 1).with(Move.PARTIAL_UNMAP_PROBE, 1.5)
                .with(Move.DOMAIN_HOPS_PROBE, 0.5).with(Move.WINDOW_RUN_PROBE, 0.6)
                .with(Move.SUPERPAGE_RESHAPE_PROBE, 0.8).with(Move.EMPTIED_TABLES_PROBE, 0.3)
                .with(Move.UNALIGNED_LISTENER_PROBE, 0.5).with(Move.DESCENDING_RUN_PROBE, 0.5)
                .with(Move.SHARED_FRAMES_PROBE, 0.5).with(Move.ALIASED_TABLES_PROBE, 0.5);
    }

    /** Domain switches, detaches, pass-through and replays with live listeners. */
    public static Profile domainSwitches() {
        return listeners().named("domain-switches").with(Move.ATTACH, 8).with(Move.DETACH, 2)
                .with(Move.REPLAY, 4).with(Move.TRANSLATION, 1.5).with(Move.STALE_PROBE, 3);
    }

    /** Interrupt requests, IRTEs and the window, with split VFIO listeners. */
    public static Profile interrupts() {
        return balanced().named("interrupts").with(Move.IRTE, 5).with(Move.INTERRUPT, 10)
                .with(Move.COMPATIBILITY, 1.5).with(Move.LISTEN_VFIO, 3).with(Move.DMA, 8).with(Move.SPLIT_PROBE, 1.5)
                .with(Move.FAULT_PROBE, 0).with(Move.IRQ_PROBE, 3).with(Move.SOURCE_ID_PROBE, 3);
    }

    /** DMA after correct and forgotten invalidations, little tampering (cache transparency). */
    public static Profile caching() {
        return balanced().named("caching").with(Move.DMA, 16).with(Move.UNMAP, 6).with(Move.RAW_MEMORY, 0.1)
                .with(Move.CORRUPT_PTE, 0.2).with(Move.CORRUPT_ROOT, 0.1).with(Move.RAW_CONTEXT, 0.2)
                .with(Move.RAW_REGISTER, 0.05).with(Move.GARBAGE_DESCRIPTOR, 0.05).with(Move.RELOCATE_ROOT, 0.05)
                .with(Move.STALE_PROBE, 3).with(Move.FAULT_PROBE, 0.1).with(Move.SPLIT_PROBE, 0.2).with(Move.RIGHTS_PROBE, 2)
                .withMistakes(0.35);
    }

    /** Garbage first: raw writes, garbage descriptors, random registers (robustness). */
    public static Profile garbage() {
        Profile p = balanced().named("garbage").withMistakes(0.3);
        for (Move move : Move.values()) {
            if (move.adversarial()) {
                p = p.with(move, 4);
            }
        }
        return p.with(Move.RAW_REGISTER, 8);
    }
}
