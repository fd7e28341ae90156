package io.vtdoracle.properties.generate;

import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestHabit;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.ServiceFaults;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands a script may take next in a given {@link GuestView}: before power-on only {@code PowerOn}; after it
 * every {@link Move}, weighted by the {@link Profile} and by what is set up (no unmap without leaves, no wait
 * without a queue). The alternatives are always listed in {@link Move} order, so a choice keeps its meaning.
 * Reusable for other implementations' suites: restrict a profile to the moves an adapter supports.
 */
public final class CommandGens {

    private CommandGens() {
    }

    public static Gen<Command> commands(Profile profile, GuestView view) {
        if (!view.poweredOn()) {
            return PowerOnGen.powerOn(profile.scalable()).map(p -> p);
        }
        double mistakes = profile.mistakes();
        boolean queue = view.queueAddress() >= 0;
        boolean ir = view.interruptTable() >= 0;
        boolean leaves = view.domains().keySet().stream().anyMatch(d -> !view.leaves(d).isEmpty());
        boolean listeners = !view.listeners().isEmpty();
        boolean probes = view.translation() && !ProbeGens.translated(view).isEmpty();
        boolean legacyProbes = probes && !view.scalable();
        int mamv = view.capabilities().maxAddressMaskValue();
        List<Gens.Weighted<Command>> moves = new ArrayList<>();
        for (Move move : Move.values()) {
            double weight = profile.weight(move);
            Gen<Command> gen;
            switch (move) {
                case MAP:
                    gen = DriverGens.map(view, mistakes);
                    break;
                case UNMAP:
                    gen = DriverGens.unmap(view, mistakes);
                    weight = leaves ? weight : 0;
                    break;
                case ATTACH:
                    gen = DriverGens.attach(view, mistakes);
                    break;
                case DETACH:
                    gen = DriverGens.detach(view, mistakes);
                    weight = view.attached().isEmpty() ? 0 : weight;
                    break;
                case TRANSLATION:
                    gen = DriverGens.translation(view);
                    break;
                case INVALIDATE:
                    gen = DriverGens.invalidate(view, mistakes);
                    break;
                case WAIT:
                    gen = DriverGens.queueWait();
                    weight = queue ? weight : 0;
                    break;
                case IRTE:
                    gen = DriverGens.irte(view);
                    weight = ir ? weight : 0;
                    break;
                case COMPATIBILITY:
                    gen = DriverGens.compatibility(view);
                    weight = ir ? weight : 0;
                    break;
                case SERVICE_FAULTS:
                    boolean reversed = view.habit() == GuestHabit.FAULTS_REVERSED;
                    gen = Draw.chance(0.3).map(masked -> new ServiceFaults(reversed, masked));
                    weight = reversed ? 3 * weight : weight;
                    break;
                case DEVICE_TLB:
                    gen = DriverGens.deviceTlb();
                    weight = queue ? weight : 0;
                    break;
                case DMA:
                    gen = DeviceGens.dma(view);
                    break;
                case INTERRUPT:
                    gen = DeviceGens.interrupt(view);
                    break;
                case LISTEN:
                    gen = VmmGens.listen(view);
                    break;
                case LISTEN_VFIO:
                    gen = VmmGens.listenVfio(view);
                    break;
                case UNLISTEN:
                    gen = VmmGens.unlisten(view);
                    weight = listeners ? weight : 0;
                    break;
                case REPLAY:
                    gen = VmmGens.replay(view);
                    weight = listeners ? weight : 0;
                    break;
                case RAW_MEMORY:
                    gen = AdversarialGens.rawMemory(view);
                    break;
                case CORRUPT_PTE:
                    gen = AdversarialGens.corruptPte(view);
                    weight = leaves ? weight : 0;
                    break;
                case CORRUPT_ROOT:
                    gen = AdversarialGens.corruptRoot(view);
                    break;
                case RAW_CONTEXT:
                    gen = view.scalable() ? AdversarialGens.scalableBits(mistakes)
                            : AdversarialGens.rawContext(view, mistakes);
                    break;
                case RAW_REGISTER:
                    gen = AdversarialGens.rawRegister();
                    break;
                case REGISTER_READ:
                    gen = AdversarialGens.registerRead();
                    break;
                case GARBAGE_DESCRIPTOR:
                    gen = AdversarialGens.garbageDescriptor();
                    weight = queue ? weight : 0;
                    break;
                case RELOCATE_ROOT:
                    gen = AdversarialGens.relocateRoot();
                    break;
                case STALE_PROBE:
                    gen = ProbeGens.stale(view);
                    weight = probes ? weight : 0;
                    break;
                case FAULT_PROBE:
                    // scalable mode has some thirty fault reasons on a device's path, each probe sets up one
                    gen = view.scalable() ? ScalableProbeGens.fault(view) : ProbeGens.fault(view);
                    weight = probes ? (view.scalable() ? 4 * weight : weight) : 0;
                    break;
                case SPLIT_PROBE:
                    gen = ProbeGens.split(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case IRQ_PROBE:
                    gen = ProbeGens.interrupt(view);
                    weight = ir ? weight : 0;
                    break;
                case TWIN_PROBE:
                    gen = DeviceSpaceGens.twin();
                    break;
                case SIBLING_PROBE:
                    gen = DeviceSpaceGens.sibling();
                    break;
                case FUNCTION_MASK_PROBE:
                    gen = DeviceSpaceGens.functionMask();
                    break;
                case SOURCE_ID_PROBE:
                    gen = DeviceSpaceGens.sourceId(view);
                    weight = ir ? weight : 0;
                    break;
                case REPROGRAM_ROOT:
                    gen = DriverGens.reprogramRoot(mistakes);
                    weight = view.habit() == GuestHabit.ROOT_REPROGRAMMING ? weight : 0;
                    break;
                case RIGHTS_PROBE:
                    gen = ProbeGens.rights(view);
                    weight = probes ? weight : 0;
                    break;
                case PARTIAL_UNMAP_PROBE:
                    gen = ProbeGens.partialUnmap(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case STALE_LATE_PROBE:
                    gen = CacheProbeGens.lateInvalidation(view);
                    // a unit with MAMV >= 52 (rare) admits the whole-space page-selective variant
                    weight = legacyProbes ? (mamv >= CacheProbeGens.WHOLE_SPACE_AM ? 3 * weight : weight) : 0;
                    break;
                case DEVICE_TLB_WHOLE_SPACE_PROBE:
                    gen = CacheProbeGens.deviceTlbWholeSpace(view);
                    weight = legacyProbes && queue && view.capabilities().deviceTlb() ? weight : 0;
                    break;
                case NOT_PRESENT_ABOVE_LEAF_PROBE:
                    gen = CacheProbeGens.notPresentAboveLeaf(view);
                    weight = legacyProbes ? weight : 0;
                    break;
                case IRTE_AT_MEMORY_END_PROBE:
                    gen = CacheProbeGens.irteAtMemoryEnd(view);
                    weight = ir && !view.scalable() ? weight : 0;
                    break;
                case POINTER_BEYOND_HAW_PROBE:
                    gen = CacheProbeGens.pointerBeyondHaw(view);
                    weight = legacyProbes ? weight : 0;
                    break;
                case QUEUE_ERROR_PROBE:
                    gen = StatusProbeGens.queueError();
                    weight = queue && view.queued() && !view.queueBroken() ? weight : 0;
                    break;
                case FAULT_OVERFLOW_PROBE:
                    gen = StatusProbeGens.faultOverflow(view);
                    weight = view.translation() ? weight : 0;
                    break;
                case COMPLETION_STATUS_PROBE:
                    gen = StatusProbeGens.completionStatus();
                    weight = queue && view.queued() && !view.queueBroken() ? weight : 0;
                    break;
                case UNREQUESTED_INVALIDATION_PROBE:
                    gen = StatusProbeGens.unrequested(view);
                    weight = probes ? weight : 0;
                    break;
                case FPD_PROBE:
                    gen = StatusProbeGens.fpd(view);
                    weight = probes && !view.scalable() ? weight : 0;
                    break;
                case DOMAIN_HOPS_PROBE:
                    gen = ProbeGens.domainHops(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case RID_PASID_PROBE:
                    gen = ScalableCacheProbeGens.ridPasid(view);
                    weight = probes && view.scalable() ? weight : 0;
                    break;
                case PIOTLB_RANGE_PROBE:
                    gen = ScalableCacheProbeGens.piotlbRange(view);
                    weight = probes && view.scalable() ? weight : 0;
                    break;
                case PASID_FPD_PROBE:
                    gen = ScalableProbeGens.faultUnderFpd(view);
                    weight = probes && view.scalable() ? weight : 0;
                    break;
                case WINDOW_RUN_PROBE:
                    gen = ListenerProbeGens.windowRun(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case SUPERPAGE_RESHAPE_PROBE:
                    gen = ListenerProbeGens.superpageReshape(view);
                    weight = probes && view.capabilities().cachingMode() && view.capabilities().superpages()
                            ? weight : 0;
                    break;
                case EMPTIED_TABLES_PROBE:
                    gen = ListenerProbeGens.emptiedTables(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case UNALIGNED_LISTENER_PROBE:
                    gen = ListenerProbeGens.unalignedListener(view);
                    weight = probes ? weight : 0;
                    break;
                case DESCENDING_RUN_PROBE:
                    gen = ListenerProbeGens.descendingRun(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case HALF_BOUNDARY_PROBE:
                    gen = DeviceSpaceGens.halfBoundary(view);
                    weight = view.translation() ? weight : 0;
                    break;
                case PASID_SELECTIVE_SKIP_PROBE:
                    gen = ListenerProbeGens.pasidSelectiveSkip(view);
                    weight = probes && view.scalable() && view.capabilities().cachingMode() ? weight : 0;
                    break;
                case SHARED_FRAMES_PROBE:
                    gen = ListenerProbeGens.sharedFrames(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
                default:
                    gen = ListenerProbeGens.aliasedTables(view);
                    weight = probes && view.capabilities().cachingMode() ? weight : 0;
                    break;
            }
            moves.add(Gens.weighted(weight, gen));
        }
        @SuppressWarnings("unchecked")
        Gens.Weighted<Command>[] array = moves.toArray(new Gens.Weighted[0]);
        return Gens.frequency(array);
    }
}
