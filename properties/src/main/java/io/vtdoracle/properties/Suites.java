package io.vtdoracle.properties;

import io.vtdoracle.properties.Suite.Coverage;
import io.vtdoracle.properties.command.GuestHabit;
import io.vtdoracle.properties.generate.Move;
import io.vtdoracle.properties.generate.Profile;
import io.vtdoracle.properties.lockstep.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The property campaign: six suites, each holding implementations to one part of the contract. */
public final class Suites {

    /** Every DMA fault reason untranslated requests can reach (Dh concerns translation requests only). */
    private static final List<String> DMA_FAULTS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B",
            "C", "E");

    /** Every scalable-mode fault reason requests without PASID can reach (docs/semantics.md §9.7). */
    private static final List<String> SCALABLE_FAULTS = List.of("30", "38", "39", "3A", "40", "41", "42", "48", "50",
            "51", "52", "58", "59", "5A", "5B", "70", "71", "72", "73", "78", "79", "7A", "7B", "80", "81", "83", "84",
            "85", "86", "87");

    private Suites() {
    }

    /**
     * The device space and the guests' habits: DMA from several buses, from the same device and function on two
     * buses, from devices sharing a domain, right after another device of the domain saw its mapping change; every
     * function mask of a device-selective context invalidation; each {@link GuestHabit} in some cases, the
     * run-time ones exercised.
     */
    private static List<Coverage> reach() {
        List<Coverage> coverage = new ArrayList<>();
        coverage.add(new Coverage("dma-from-several-buses", 0.08));
        coverage.add(new Coverage("dma-same-devfn-other-bus", 0.03));
        coverage.add(new Coverage("dma-shared-domain", 0.08));
        coverage.add(new Coverage("dma-after-sibling-changed-mapping", 0.06));
        for (int fm = 0; fm <= 3; fm++) {
            coverage.add(new Coverage("cc-device-fm=" + fm, 0.01));
        }
        for (GuestHabit habit : GuestHabit.values()) {
            coverage.add(new Coverage("habit=" + habit.label(), 0.04));
        }
        coverage.add(new Coverage("root-reprogrammed-while-translating", 0.01));
        coverage.add(new Coverage("faults-serviced-reversed", 0.01));
        return coverage;
    }

    /**
     * The driver's read-backs showing what only the unit's own updates set (the refinement suite judges every read):
     * IQH moved and the wait status written, FSTS.PPF and IQE, fault records with F, CAIG and IAIG (page
     * granularity too) after register-based invalidations, ICS.IWC after a wait with IF.
     */
    private static List<Coverage> readBacks() {
        return List.of(new Coverage("read-iqh", 0.12), new Coverage("read-status-word", 0.12),
                new Coverage("read-fsts-ppf", 0.12), new Coverage("read-fsts-iqe", 0.025),
                new Coverage("read-frcd-fault", 0.06), new Coverage("read-ccmd-caig", 0.1),
                new Coverage("read-iotlb-iaig", 0.1), new Coverage("read-iotlb-iaig=page", 0.08),
                new Coverage("read-ics-iwc", 0.015));
    }

    /**
     * The status probes' states (StatusProbeGens), whose read-backs the refinement suite judges: the tail written
     * while IQE is set, FSTS written without the PFO or IQE bit while it is set, ICS written without IWC while it is
     * set, CCMD / IOTLB_REG written without ICC / IVT at another granularity than the last one reported, and DMA
     * faults under a context entry with FPD = 1 on both sides of each qualified range (§7.1.3), a root-table fault
     * right after one.
     */
    private static List<Coverage> statusProbes() {
        List<Coverage> coverage = new ArrayList<>(List.of(new Coverage("iqt-written-while-iqe", 0.01),
                new Coverage("fsts-write-keeps-iqe", 0.01), new Coverage("fsts-write-keeps-pfo", 0.005),
                new Coverage("ics-write-keeps-iwc", 0.01), new Coverage("ccmd-idle-other-granularity", 0.01),
                new Coverage("iotlb-idle-other-granularity", 0.01),
                new Coverage("root-fault-after-fpd-fault", 0.005)));
        for (String code : List.of("2", "7", "B", "C", "E")) {
            coverage.add(new Coverage("fpd-fault=" + code + "h", 0.005));
        }
        return coverage;
    }

    /**
     * Both modes; in scalable mode each PGTT, first-stage 2 MiB and 1 GiB pages, 5-level first stage, each
     * PASID-cache and P_IOTLB granularity, a unit without ECAP.PT.
     */
    private static List<Coverage> scalable() {
        return List.of(new Coverage("sm-pasid-cache-domain", 0.005), new Coverage("sm-pasid-cache-pasid", 0.05),
                new Coverage("sm-pasid-cache-global", 0.05), new Coverage("sm-piotlb-pasid", 0.05),
                new Coverage("sm-piotlb-page", 0.03),new Coverage("mode=scalable", 0.3), new Coverage("sm-pgtt=pass-through", 0.005),
                new Coverage("sm-pgtt=second-stage", 0.04), new Coverage("sm-pgtt=first-stage", 0.05),
                new Coverage("sm-first-stage=2M", 0.01), new Coverage("sm-first-stage=1G", 0.005),
                new Coverage("sm-first-stage-5-level", 0.02), new Coverage("sm-without-ecap-pt", 0.02));
    }

    /** {@code coverage}, and both modes: each suite runs legacy and scalable-mode cases. */
    private static List<Coverage> withModes(Coverage... coverage) {
        List<Coverage> all = new ArrayList<>(List.of(coverage));
        all.add(new Coverage("mode=legacy", 0.4));
        all.add(new Coverage("mode=scalable", 0.2));
        return all;
    }

    /**
     * The caches' and table checks' edges (legacy mode): a forgotten invalidation sent late at each granularity, on
     * a unit with MAMV 63 a page-selective one of the whole address space, a device-TLB invalidation of the whole
     * address space, a not-present entry above the leaf, an IRTE at the end of memory (23h), a root or context
     * pointer beyond the HAW.
     */
    private static List<Coverage> cacheProbes() {
        List<Coverage> coverage = new ArrayList<>();
        for (String granularity : List.of("iotlb-page", "iotlb-domain", "iotlb-global", "context-device",
                "context-domain", "context-global")) {
            coverage.add(new Coverage("late-" + granularity, 0.01));
        }
        coverage.add(new Coverage("late-iotlb-whole-space", 0.002));
        coverage.add(new Coverage("device-tlb-whole-space", 0.004));
        coverage.add(new Coverage("not-present-above-leaf", 0.02));
        coverage.add(new Coverage("irq-fault=23h", 0.02));
        coverage.add(new Coverage("root-pointer-beyond-haw", 0.01));
        coverage.add(new Coverage("context-pointer-beyond-haw", 0.01));
        return coverage;
    }

    /** (1) Every outcome of the implementation is one the reference model allows. */
    public static Suite refinement() {
        List<Coverage> coverage = new ArrayList<>();
        for (String code : DMA_FAULTS) {
            coverage.add(new Coverage("dma-fault=" + code + "h", 0.005));
        }
        for (String code : SCALABLE_FAULTS) {
            coverage.add(new Coverage("dma-fault=" + code + "h", 0.004));
        }
        coverage.addAll(scalable());
        coverage.add(new Coverage("mode=legacy", 0.3));
        coverage.add(new Coverage("domain-switch-with-listeners", 0.02));
        coverage.add(new Coverage("psi-am>0", 0.05));
        coverage.add(new Coverage("superpage", 0.1));
        coverage.add(new Coverage("superpage=2M", 0.1));
        coverage.add(new Coverage("superpage=1G", 0.05));
        coverage.add(new Coverage("translated=2M", 0.015));
        coverage.add(new Coverage("translated=1G", 0.01));
        coverage.add(new Coverage("events-split-at-window", 0.01));
        // a one-sided leaf translated, then the access it denies: an IOTLB hit must check the rights (§7.1.3); about
        // 8% of the cases since the other probes share the refinement profile
        coverage.add(new Coverage("dma-denied-on-translated-leaf", 0.05));
        coverage.addAll(cacheProbes());
        // scalable mode: an IOTLB entry of the device's domain found through another RID_PASID (§6.2.3), pages of a
        // P_IOTLB's 2^AM off its ADDR (§6.5.2.4), a qualified fault under the PASID-table entry's FPD (§9.6)
        coverage.add(new Coverage("dma-cached-under-other-rid-pasid", 0.04));
        coverage.add(new Coverage("dma-cached-off-addr-of-piotlb-am>0", 0.03));
        coverage.add(new Coverage("dma-fault-under-pasid-entry-fpd", 0.04));
        // scalable mode: translated DMA from devfn 128, the first device of a root entry's upper half (§9.2), from
        // the half-boundary probe (about 10% of the cases)
        coverage.add(new Coverage("sm-dma-from-devfn-128", 0.04));
        // the listener probes' states, where only the model tells a widening that goes too far (contract §7.3)
        coverage.add(new Coverage("listener-run-into-window", 0.01));
        coverage.add(new Coverage("psi-inside-reshaped-superpage", 0.02));
        coverage.add(new Coverage("listener-walk-over-9-emptied-tables", 0.005));
        coverage.add(new Coverage("listener-range-unaligned", 0.005));
        // a PASID-selective PASID-cache invalidation for PASID 0 while a listened device of its domain is on another
        // RID_PASID, its entry changed: only the model tells that it must not refresh that device (contract §9.10)
        coverage.add(new Coverage("pasid-selective-invalidation-skips-listened-device", 0.025));
        // runs over frames shared by nearby IOVAs and walks over a table aliased at two levels (contract §7.2, §7.5)
        coverage.add(new Coverage("listener-leaves-share-a-frame", 0.008));
        coverage.add(new Coverage("listener-walk-over-aliased-tables", 0.008));
        coverage.addAll(reach());
        coverage.addAll(readBacks());
        coverage.addAll(statusProbes());
        return new Suite("refinement", "every outcome of the implementation is one the reference model allows",
                Profile.balanced().named("refinement").with(Move.CORRUPT_PTE, 2).with(Move.CORRUPT_ROOT, 1)
                        .with(Move.RAW_CONTEXT, 1.5).with(Move.STALE_PROBE, 2.5).with(Move.FAULT_PROBE, 4)
                        .with(Move.SPLIT_PROBE, 1).with(Move.RIGHTS_PROBE, 2).with(Move.STALE_LATE_PROBE, 3)
                        .with(Move.UNREQUESTED_INVALIDATION_PROBE, 2).with(Move.FPD_PROBE, 2)
                        .with(Move.RID_PASID_PROBE, 5).with(Move.PIOTLB_RANGE_PROBE, 5).with(Move.PASID_FPD_PROBE, 6)
                        .with(Move.WINDOW_RUN_PROBE, 0.5).with(Move.SUPERPAGE_RESHAPE_PROBE, 1.5)
                        .with(Move.UNALIGNED_LISTENER_PROBE, 0.5).with(Move.HALF_BOUNDARY_PROBE, 2.5)
                        .with(Move.PASID_SELECTIVE_SKIP_PROBE, 1.5)
                        .withScalable(0.5),
                Set.of(Check.REFINEMENT), coverage,
                List.of(new Coverage("stale-admitted", 0.02)), 1300, 50);
    }

    /** (2) Exactly-once: listener containers never refuse, and equal the tables after every IOTLB invalidation. */
    public static Suite exactlyOnce() {
        return new Suite("exactly-once", "each IOTLB change reaches a listener exactly once: VFIO type1 never "
                + "refuses an event, and after every IOTLB invalidation the listener equals the page tables in "
                + "the invalidated range", Profile.listeners(),
                Set.of(Check.TYPE1, Check.EVENT_CONTAINMENT, Check.SYNC_AFTER_IOTLB_INVALIDATION),
                withModes(new Coverage("psi-am>0", 0.05), new Coverage("superpage", 0.1),
                        new Coverage("superpage=2M", 0.1), new Coverage("superpage=1G", 0.05),
                        new Coverage("events-split-at-window", 0.01),
                        new Coverage("domain-switch-with-listeners", 0.02),
                        // a listener's update starting inside a run of pieces it holds (contract §7.3)
                        new Coverage("unmap-inside-mapped-range", 0.1),
                        // a shadow holding pieces found through five domain-ids
                        new Coverage("listener-through-5-domains", 0.02),
                        // leaves whose targets run into the interrupt window (contract §7.1)
                        new Coverage("listener-run-into-window", 0.03),
                        // widening inside a superpage reshaped without its invalidation (contract §7.3)
                        new Coverage("psi-inside-reshaped-superpage", 0.03),
                        // a walk meeting many subtrees without a leaf (contract §7.5, bounded work)
                        new Coverage("listener-walk-over-9-emptied-tables", 0.015),
                        // a listener range starting or ending inside a page: pieces down to one byte (contract §7.2)
                        new Coverage("listener-range-unaligned", 0.02),
                        // adjacent leaves whose outputs descend by exactly their size (contract §7.2)
                        new Coverage("listener-leaves-descending", 0.02),
                        // one frame at IOVAs one or two pages apart, among frames that follow each other: only
                        // these make a run (contract §7.2)
                        new Coverage("listener-leaves-share-a-frame", 0.03),
                        // a walk reading one table at two levels: the memo of subtrees without a mapping is per
                        // table, level and permission (contract §7.5, bounded work)
                        new Coverage("listener-walk-over-aliased-tables", 0.025)),
                List.of(), 850, 50);
    }

    /** (3) Replay and domain switch: listeners equal a full walk; a not-present context empties them. */
    public static Suite replay() {
        return new Suite("replay", "after a domain switch, a TE change or a replay, a listener equals a full "
                + "page-table walk (empty for a not-present context)", Profile.domainSwitches(),
                Set.of(Check.TYPE1, Check.SYNC_AFTER_CONTEXT_INVALIDATION),
                withModes(new Coverage("domain-switch-with-listeners", 0.05), new Coverage("replay-with-events", 0.05)),
                List.of(), 850, 50);
    }

    /** (4) The interrupt window: never DMA, never listener events, split listeners, IRTE decoding. */
    public static Suite interruptRegion() {
        return new Suite("irq-region", "requests to 0xFEE00000-0xFEEFFFFF are interrupts (as the IRTE decodes) or "
                + "blocked, never DMA, never listener events; listener events never leave their listener",
                Profile.interrupts(),
                Set.of(Check.INTERRUPT_WINDOW, Check.IRTE_DECODING, Check.EVENT_CONTAINMENT, Check.TYPE1),
                withModes(new Coverage("irte-checked", 0.5), new Coverage("irq-forwarded-with-remapping", 0.05),
                        new Coverage("irq-fault=22h", 0.02), new Coverage("irq-fault=26h", 0.02),
                        new Coverage("irq-fault=25h", 0.02), new Coverage("events-split-at-window", 0.01),
                        // source validation (§9.10): every requester-id qualifier, bus ranges over several buses
                        new Coverage("irq-svt=1-sq=0", 0.01), new Coverage("irq-svt=1-sq=1", 0.01),
                        new Coverage("irq-svt=1-sq=2", 0.01), new Coverage("irq-svt=1-sq=3", 0.01),
                        new Coverage("irq-svt=1-other-bus", 0.01), new Coverage("irq-svt=2-inside-range", 0.01),
                        new Coverage("irq-svt=2-outside-range", 0.01)),
                List.of(), 850, 50);
    }

    /** (5) Cache transparency: after the matching invalidation, a request gives the fresh walk's result. */
    public static Suite cacheTransparency() {
        return new Suite("cache-transparency", "once the matching invalidation is done, a cached translation "
                + "equals a fresh walk (and the model admits nothing else)", Profile.caching(),
                Set.of(Check.CACHE_TRANSPARENCY),
                withModes(new Coverage("cache-clean-request-checked", 0.5),
                        new Coverage("dma-denied-on-translated-leaf", 0.1),
                        new Coverage("dma-after-sibling-changed-mapping", 0.05), new Coverage("cc-device-fm=3", 0.01),
                        new Coverage("dma-cached-under-other-rid-pasid", 0.015),
                        new Coverage("dma-cached-off-addr-of-piotlb-am>0", 0.008)),
                List.of(new Coverage("stale-admitted", 0.01)), 850, 50);
    }

    /** (6) Robustness: any sequence, garbage included, never throws, in the implementation or the model. */
    public static Suite robustness() {
        return new Suite("robustness", "any operation sequence, garbage included, never throws (implementation "
                + "and model)", Profile.garbage(), Set.of(Check.RUN_MODEL),
                withModes(new Coverage("garbage-descriptor", 0.05), new Coverage("raw-register-write", 0.2)),
                List.of(), 850, 50);
    }

    public static List<Suite> all() {
        return List.of(refinement(), exactlyOnce(), replay(), interruptRegion(), cacheTransparency(), robustness());
    }

    public static Optional<Suite> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Suite::name).toList();
    }
}
