package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.PageSize;
import io.vtdoracle.guest.Registers;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GarbageDescriptor;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Invalidate;
import io.vtdoracle.properties.command.Invalidation;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.command.ReprogramRootTable;
import io.vtdoracle.properties.command.ServiceFaults;
import io.vtdoracle.properties.command.MapRange;
import io.vtdoracle.properties.command.RawRegisterWrite;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.command.UnmapRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The statistics labels of a step: what the run reached (coverage requirements name these). */
final class Labels {

    static final String DOMAIN_SWITCH = "domain-switch-with-listeners";
    static final String PSI_AM = "psi-am>0";
    static final String SUPERPAGE = "superpage";
    /** A 2 MiB leaf mapped on a unit that supports superpages. */
    static final String SUPERPAGE_2M = "superpage=2M";
    /** A 1 GiB leaf mapped on a unit that supports superpages. */
    static final String SUPERPAGE_1G = "superpage=1G";

    /** Pages unmapped from the middle of mapped ones, in a domain a device with a MAP listener translates through. */
    static final String UNMAP_INSIDE_MAPPED_RANGE = "unmap-inside-mapped-range";

    private Labels() {
    }

    private static boolean insideMappedRange(GuestView view, UnmapRange unmap) {
        long bytes = unmap.size().bytes();
        boolean inside = view.leaves(unmap.did()).containsKey(unmap.iova() - bytes)
                && view.leaves(unmap.did()).containsKey(unmap.iova() + unmap.count() * bytes);
        return inside && view.attached().entrySet().stream()
                .anyMatch(a -> a.getValue() == unmap.did() && view.hasMapListener(a.getKey()));
    }

    /** Labels known before the command runs (the view still shows the state before it). */
    static List<String> ofCommand(GuestView view, Command command) {
        List<String> labels = new ArrayList<>();
        if (command instanceof Attach a && !a.passThrough()) {
            Integer old = view.attached().get(a.source());
            if (old != null && old != a.did() && view.hasMapListener(a.source())) {
                labels.add(DOMAIN_SWITCH);
            }
        }
        if (command instanceof MapRange m && m.size() != PageSize.SIZE_4K) {
            labels.add(SUPERPAGE);
            if (view.capabilities().superpages()) {
                labels.add(m.size() == PageSize.SIZE_2M ? SUPERPAGE_2M : SUPERPAGE_1G);
            }
        }
        if (command instanceof UnmapRange u && insideMappedRange(view, u)) {
            labels.add(UNMAP_INSIDE_MAPPED_RANGE);
        }
        if (command instanceof PowerOn p) {
            labels.add("habit=" + p.habit().label());
            labels.add(p.capabilities().scalableMode().supported() ? "mode=scalable" : "mode=legacy");
            if (p.capabilities().scalableMode().supported() && !p.capabilities().passThrough()) {
                labels.add("sm-without-ecap-pt");
            }
        }
        if (command instanceof Invalidate i && i.invalidation().kind() == Invalidation.Kind.CONTEXT_DEVICE) {
            labels.add("cc-device-fm=" + i.invalidation().functionMask());
        }
        if (command instanceof ReprogramRootTable && view.translation()) {
            labels.add("root-reprogrammed-while-translating");
        }
        if (command instanceof ServiceFaults s && s.reversed()) {
            labels.add("faults-serviced-reversed");
        }
        if (command instanceof GarbageDescriptor) {
            labels.add("garbage-descriptor");
        }
        if (command instanceof RawRegisterWrite) {
            labels.add("raw-register-write");
        }
        return labels;
    }

    /** Labels of one operation's outcome. */
    static List<String> ofOutcome(GuestView view, Operation operation, Outcome actual) {
        List<String> labels = new ArrayList<>();
        Result r = actual.result();
        if (r instanceof Result.Translated t && view.translation() && t.pageMask() != 0xFFF) {
            labels.add(t.pageMask() == 0x1F_FFFFL ? "translated=2M" : "translated=1G");
        }
        if (operation instanceof Operation.DmaRequest d && r instanceof Result.Translated t && view.scalable()
                && view.translation()) {
            labels.addAll(scalableTranslation(view, d.source(), t));
        }
        if (r instanceof Result.DmaFault f) {
            labels.add(String.format("dma-fault=%Xh", f.reason().code()));
        } else if (r instanceof Result.InterruptFault f) {
            labels.add(String.format("irq-fault=%Xh", f.reason().code()));
        } else if (r instanceof Result.InterruptForwarded && view.interruptRemapping()) {
            labels.add("irq-forwarded-with-remapping");
        }
        if (operation instanceof Operation.ReadRegister read && r instanceof Result.Value v) {
            readBack(read.offset(), v.value()).ifPresent(labels::add);
        }
        if (operation instanceof Operation.ReadMemory read && read.address() == view.statusPage()
                && r instanceof Result.Value v && v.value() != 0) {
            labels.add("read-status-word");
        }
        if (operation instanceof Operation.Replay
                && actual.events().stream().anyMatch(e -> e instanceof Event.ListenerNotified)) {
            labels.add("replay-with-events");
        }
        if (actual.events().stream().anyMatch(e -> e instanceof Event.ListenerOverflowed)) {
            labels.add("listener-overflowed");
        }
        return labels;
    }

    /**
     * A scalable-mode translation, by the PGTT the guest gave the device's RID_PASID entry (sm-pgtt=...), and for
     * the first stage its page size and 5-level paging.
     */
    private static List<String> scalableTranslation(GuestView view, SourceId source, Result.Translated t) {
        Integer did = view.attached().get(source);
        if (did == null) {
            return List.of();
        }
        if (view.isPassThrough(source)) {
            return List.of("sm-pgtt=pass-through");
        }
        String stage = view.stage(did);
        List<String> labels = new ArrayList<>();
        labels.add("sm-pgtt=" + stage);
        if (stage.equals("first-stage")) {
            if (t.pageMask() != 0xFFF) {
                labels.add(t.pageMask() == 0x1F_FFFFL ? "sm-first-stage=2M" : "sm-first-stage=1G");
            }
            if (view.domains().get(did).levels() == 5) {
                labels.add("sm-first-stage-5-level");
            }
        }
        return labels;
    }

    /** What a register read showed that only the unit's own updates set (coverage of the driver's read-backs). */
    private static Optional<String> readBack(int offset, long value) {
        switch (offset) {
            case Registers.FSTS:
                return (value & Registers.IQE) != 0 ? Optional.of("read-fsts-iqe")
                        : (value & Registers.PPF) != 0 ? Optional.of("read-fsts-ppf") : Optional.empty();
            case Registers.FECTL:
                return (value & Registers.IP) != 0 ? Optional.of("read-fectl-ip") : Optional.empty();
            case Registers.ICS:
                return (value & 1) != 0 ? Optional.of("read-ics-iwc") : Optional.empty();
            case Registers.CCMD:
                return (value >>> 59 & 3) != 0 ? Optional.of("read-ccmd-caig") : Optional.empty();
            case Registers.IOTLB:
                return (value >>> 57 & 3) == 3 ? Optional.of("read-iotlb-iaig=page")
                        : (value >>> 57 & 3) != 0 ? Optional.of("read-iotlb-iaig") : Optional.empty();
            case Registers.IQH:
                return value != 0 ? Optional.of("read-iqh") : Optional.empty();
            default:
                return offset >= Registers.FRCD && (offset & 0xF) == 8 && value < 0 ? Optional.of("read-frcd-fault")
                        : Optional.empty();
        }
    }

    /** Labels of the syncs the command performed. */
    static List<String> ofSyncs(GuestView view) {
        List<String> labels = new ArrayList<>();
        for (SyncScope scope : view.syncs()) {
            if (scope.kind() == SyncScope.Kind.IOTLB_PAGE && scope.last() - scope.first() >= 0x1000) {
                labels.add(PSI_AM);
            }
            if (scope.kind().scalableOnly()) {
                labels.add("sm-" + scope.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
        }
        return labels;
    }
}
