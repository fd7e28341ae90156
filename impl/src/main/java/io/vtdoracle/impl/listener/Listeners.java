package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.AddressSpaceView;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.impl.EventSink;
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.dma.ScalableContextReader;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The VMM's listeners (IOMMU notifiers) and the exactly-once contract with them (contract §7): registration,
 * replay, the updates an IOTLB, context-cache or device-TLB invalidation brings, and address-space switches.
 *
 * <p>Event order of one action (contract §7.4): first the devices switching to TRANSLATED (ascending SID), then
 * every listener's notifications in ascending listener id (its UNMAPs, then its MAPs, each in ascending IOVA),
 * then the devices switching to IDENTITY (ascending SID).
 *
 * <p>Cost: a MAP listener is brought up to date over a range by widening it (a few point walks and binary
 * searches at its two ends), walking the device's tables over the widened range within the listener's range, and
 * merging the new target with the run of shadow pieces in that range, which is then replaced in place. The walk
 * stops once the target would take the listener past its mapping budget (contract §7.5): then it overflows.
 */
public final class Listeners {

    private static final Permission[] PERMISSIONS = {
        Permission.NONE, Permission.READ, Permission.WRITE, Permission.READ_WRITE};

    private final Capabilities capabilities;
    private final DeviceMappings mappings;
    private final EventSink events;
    private final TreeMap<Integer, Listener> byId = new TreeMap<>();
    private final TreeMap<Integer, DeviceSpace> bySid = new TreeMap<>();
    private final PieceSet target = new PieceSet();
    private final TargetSink targetSink = new TargetSink();
    private final List<DeviceSpace> toTranslated = new ArrayList<>();
    private final List<DeviceSpace> toIdentity = new ArrayList<>();
    private int step;

    public Listeners(Capabilities capabilities, GuestMemory memory, RemappingState state,
                     ContextReader contextReader, ScalableContextReader scalableReader, EventSink events) {
        this.capabilities = capabilities;
        this.mappings = new DeviceMappings(capabilities, memory, state, contextReader, scalableReader);
        this.events = events;
    }

    /**
     * RegisterListener (contract §7.5): refusals in order, then an empty shadow and no events. A device without
     * listeners yet takes its current view.
     */
    public Result register(Operation.RegisterListener operation) {
        int id = operation.listener().value();
        Result.RefusalReason refusal = null;
        if (byId.containsKey(id)) {
            refusal = Result.RefusalReason.DUPLICATE_LISTENER;
        } else if (operation.flags().isEmpty()) {
            refusal = Result.RefusalReason.NO_FLAGS;
        } else if (Long.compareUnsigned(operation.first(), operation.last()) > 0) {
            refusal = Result.RefusalReason.EMPTY_RANGE;
        } else if (operation.flags().contains(ListenerFlag.MAP) && !capabilities.cachingMode()) {
            refusal = Result.RefusalReason.CACHING_MODE_REQUIRED;
        } else if (operation.flags().contains(ListenerFlag.DEVICE_IOTLB_UNMAP) && !capabilities.deviceTlb()) {
            refusal = Result.RefusalReason.DEVICE_TLB_NOT_SUPPORTED;
        }
        if (refusal != null) {
            return new Result.ListenerRefused(refusal);
        }
        int sid = operation.source().value();
        DeviceSpace device = bySid.get(sid);
        if (device == null) {
            device = new DeviceSpace(sid);
            mappings.resolve(device);
            device.view = device.freshView;
            bySid.put(sid, device);
        }
        Listener listener = new Listener(operation.listener(), device, operation.first(), operation.last(),
                operation.flags(), operation.mappingBudget());
        device.listeners.put(id, listener);
        byId.put(id, listener);
        return Result.LISTENER_REGISTERED;
    }

    /** UnregisterListener: its shadow is forgotten without events; a device left without listeners too. */
    public Result unregister(ListenerId id) {
        Listener listener = byId.remove(id.value());
        if (listener == null) {
            return new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER);
        }
        listener.device.listeners.remove(id.value());
        if (listener.device.listeners.isEmpty()) {
            bySid.remove(listener.device.sid);
        }
        return Result.DONE;
    }

    /**
     * Replay (contract §7.5): brings that MAP listener alone to its full target in its device's stored view;
     * nothing for a listener without MAP.
     */
    public Result replay(ListenerId id) {
        Listener listener = byId.get(id.value());
        if (listener == null) {
            return new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER);
        }
        if (listener.map) {
            step++;
            DeviceSpace device = listener.device;
            mappings.resolve(device);
            boolean mappable = device.view == AddressSpaceView.TRANSLATED && device.mappable;
            synchronize(listener, 0, -1L, mappable);
        }
        return Result.DONE;
    }

    /**
     * An IOTLB invalidation of {@code first..last} for domain {@code did}, or of every domain when {@code global}
     * (contract §7.3). It concerns the devices in the TRANSLATED view whose fresh context entry has the DID or
     * whose listeners hold pieces found through it (global: all of them): their MAP listeners are brought up to
     * date over the widened range, their UNMAP-only listeners told the range.
     */
    public void iotlbInvalidated(boolean global, int did, long first, long last) {
        step++;
        boolean any = false;
        for (DeviceSpace device : bySid.values()) {
            if (device.view != AddressSpaceView.TRANSLATED) {
                continue;
            }
            mappings.resolve(device);
            if (global || device.freshDomain == did || device.holdsDomain(did)) {
                device.selectedStep = step;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        for (Listener listener : byId.values()) {
            DeviceSpace device = listener.device;
            if (device.selectedStep != step) {
                continue;
            }
            if (listener.map) {
                synchronize(listener, first, last, device.mappable);
            } else if (listener.unmap) {
                cover(listener, NotificationType.UNMAP, first, last);
            }
        }
    }

    /** A global context-cache invalidation (contract §7.5): every device with listeners is refreshed. */
    public void contextInvalidatedAll() {
        contextInvalidated(false, 0, 0, 0, -1);
    }

    /**
     * A domain-selective context-cache invalidation: devices whose fresh context entry has {@code did}, or whose
     * listeners hold pieces found through it.
     */
    public void contextInvalidatedDomain(int did) {
        contextInvalidated(true, did, 0, 0, -1);
    }

    /** A device-selective context-cache invalidation: source-ids equal to {@code sid} outside {@code ignored}. */
    public void contextInvalidatedDevices(int sid, int ignored) {
        contextInvalidated(false, -1, sid, ~ignored, -1);
    }

    /**
     * A PASID-cache invalidation, the scalable-mode domain switch (contract §9.10): every device when
     * {@code global}; else the devices whose fresh PASID-table entry has {@code did} or whose listeners hold pieces
     * found through it, and with {@code pasid} ≥ 0 only those of them whose fresh context entry faults or has
     * RID_PASID = {@code pasid}.
     */
    public void pasidCacheInvalidated(boolean global, int did, int pasid) {
        if (global) {
            contextInvalidatedAll();
        } else {
            contextInvalidated(true, did, 0, 0, pasid);
        }
    }

    /** GSTS.TES changed: every device with listeners is refreshed (contract §7.5). */
    public void translationEnableChanged() {
        contextInvalidatedAll();
    }

    /** A device-TLB invalidation of {@code first..last} for {@code sid}: DEVICE_IOTLB_UNMAP listeners are told. */
    public void deviceTlbInvalidated(int sid, long first, long last) {
        DeviceSpace device = bySid.get(sid);
        if (device == null || Long.compareUnsigned(first, last) > 0) {
            return;
        }
        for (Listener listener : device.listeners.values()) {
            if (listener.deviceTlbUnmap) {
                cover(listener, NotificationType.DEVICE_IOTLB_UNMAP, first, last);
            }
        }
    }

    /**
     * Refreshes the covered devices (contract §7.5): each takes its current view (switching if it changed) and
     * each of its MAP listeners is brought to its full target in that view. Covered: by domain when
     * {@code byDomain} (with {@code pasid} ≥ 0, only the devices whose fresh RID_PASID is unknown or that PASID);
     * else the source-ids equal to {@code sid} under {@code sidMask} (0 covers every device).
     */
    private void contextInvalidated(boolean byDomain, int did, int sid, int sidMask, int pasid) {
        step++;
        toTranslated.clear();
        toIdentity.clear();
        boolean any = false;
        for (DeviceSpace device : bySid.values()) {
            if (!byDomain && ((device.sid ^ sid) & sidMask) != 0) {
                continue;
            }
            mappings.resolve(device);
            if (byDomain && device.freshDomain != did && !device.holdsDomain(did)) {
                continue;
            }
            if (pasid >= 0 && device.freshPasid >= 0 && device.freshPasid != pasid) {
                continue;
            }
            device.selectedStep = step;
            any = true;
            if (device.freshView != device.view) {
                device.view = device.freshView;
                (device.view == AddressSpaceView.TRANSLATED ? toTranslated : toIdentity).add(device);
            }
        }
        if (!any) {
            return;
        }
        for (DeviceSpace device : toTranslated) {
            events.event(new Event.AddressSpaceSwitched(new SourceId(device.sid), AddressSpaceView.TRANSLATED));
        }
        for (Listener listener : byId.values()) {
            DeviceSpace device = listener.device;
            if (device.selectedStep == step && listener.map) {
                synchronize(listener, 0, -1L, device.view == AddressSpaceView.TRANSLATED && device.mappable);
            }
        }
        for (DeviceSpace device : toIdentity) {
            events.event(new Event.AddressSpaceSwitched(new SourceId(device.sid), AddressSpaceView.IDENTITY));
        }
    }

    /**
     * Brings a MAP listener exactly up to date over {@code first..last} (contract §7.3): the range is widened to
     * whole leaves, held and current; in the widened range the held pieces that are not exactly a target piece
     * are unmapped and the target pieces not exactly held are mapped; the run of held pieces there is replaced by
     * the target (which updates the leaf and domain-id the kept pieces remember). {@code mappable}: whether the
     * device has mappings (else the target is empty). If the kept pieces and the target are more than the mapping
     * budget, the listener overflows instead (contract §7.5).
     */
    private void synchronize(Listener listener, long first, long last, boolean mappable) {
        DeviceSpace device = listener.device;
        PieceSet shadow = listener.shadow;
        long rangeFirst = first;
        long rangeLast = last;
        boolean grown = rangeFirst != 0 || rangeLast != -1L;
        while (grown) {
            grown = false;
            if (rangeFirst != 0) {
                int held = shadow.leafContaining(rangeFirst);
                if (held >= 0 && Long.compareUnsigned(shadow.leafIova(held), rangeFirst) < 0) {
                    rangeLast = Pieces.max(rangeLast, shadow.leafIova(held) + shadow.leafMask(held));
                    rangeFirst = shadow.leafIova(held);
                    grown = true;
                }
                if (mappable && mappings.leafAt(device, rangeFirst)
                        && Long.compareUnsigned(mappings.foundIova(), rangeFirst) < 0) {
                    rangeLast = Pieces.max(rangeLast, mappings.foundLast());
                    rangeFirst = mappings.foundIova();
                    grown = true;
                }
            }
            if (rangeLast != -1L) {
                int held = shadow.leafContaining(rangeLast);
                if (held >= 0 && Long.compareUnsigned(shadow.leafIova(held) + shadow.leafMask(held), rangeLast) > 0) {
                    rangeFirst = Pieces.min(rangeFirst, shadow.leafIova(held));
                    rangeLast = shadow.leafIova(held) + shadow.leafMask(held);
                    grown = true;
                }
                if (mappable && mappings.leafAt(device, rangeLast)
                        && Long.compareUnsigned(mappings.foundLast(), rangeLast) > 0) {
                    rangeFirst = Pieces.min(rangeFirst, mappings.foundIova());
                    rangeLast = mappings.foundLast();
                    grown = true;
                }
            }
        }

        int from = shadow.firstEndingAtOrAfter(rangeFirst);
        int to = shadow.firstStartingAfter(from, rangeLast);
        target.clear();
        targetSink.listener = listener;
        targetSink.room = (long) listener.mappingBudget - (shadow.size() - (to - from));
        long low = Pieces.max(rangeFirst, listener.first);
        long high = Pieces.min(rangeLast, listener.last);
        if (mappable && Long.compareUnsigned(low, high) <= 0) {
            mappings.walk(device, low, high, targetSink);
        }
        if (target.size() > targetSink.room) {
            overflow(listener);
            return;
        }
        if (from == to && target.size() == 0) {
            return;
        }
        if (listener.unmap) {
            int t = 0;
            for (int h = from; h < to; h++) {
                long iova = shadow.iova(h);
                while (t < target.size() && Long.compareUnsigned(target.iova(t), iova) < 0) {
                    t++;
                }
                if (!(t < target.size() && target.iova(t) == iova && exact(shadow, h, t))) {
                    events.notified(listener.id, NotificationType.UNMAP, iova, 0, shadow.mask(h), Permission.NONE);
                }
            }
        }
        if (from == to) {
            mapAll(listener);
            shadow.replace(from, to, target, device.freshDomain);
            return;
        }
        int h = from;
        for (int t = 0; t < target.size(); t++) {
            long iova = target.iova(t);
            while (h < to && Long.compareUnsigned(shadow.iova(h), iova) < 0) {
                h++;
            }
            if (!(h < to && shadow.iova(h) == iova && exact(shadow, h, t))) {
                events.notified(listener.id, NotificationType.MAP, iova, target.translated(t), target.mask(t),
                        PERMISSIONS[target.permission(t)]);
            }
        }
        shadow.replace(from, to, target, device.freshDomain);
    }

    /** Maps every target piece (none is held in the range), a run at a time. */
    private void mapAll(Listener listener) {
        for (int run = 0; run < target.runs(); run++) {
            long step = target.runMask(run) + 1;
            long iova = target.runIova(run);
            long translated = target.runTranslated(run);
            long mask = target.runMask(run);
            Permission permission = PERMISSIONS[target.runPermission(run)];
            for (int piece = target.runPieces(run); piece > 0; piece--) {
                events.notified(listener.id, NotificationType.MAP, iova, translated, mask, permission);
                iova += step;
                translated += step;
            }
        }
    }

    private boolean exact(PieceSet shadow, int held, int piece) {
        return shadow.mask(held) == target.mask(piece) && shadow.translated(held) == target.translated(piece)
                && shadow.permission(held) == target.permission(piece);
    }

    /**
     * Contract §7.5: a listener past its mapping budget is told to unmap every piece it holds (if it hears UNMAP),
     * in ascending IOVA, then that it overflowed; it holds nothing afterwards.
     */
    private void overflow(Listener listener) {
        PieceSet shadow = listener.shadow;
        if (listener.unmap) {
            for (int h = 0; h < shadow.size(); h++) {
                events.notified(listener.id, NotificationType.UNMAP, shadow.iova(h), 0, shadow.mask(h),
                        Permission.NONE);
            }
        }
        events.event(new Event.ListenerOverflowed(listener.id));
        shadow.clear();
    }

    /** Tells a listener that {@code first..last}, within its effective range, is gone, as aligned pieces. */
    private void cover(Listener listener, NotificationType type, long first, long last) {
        Pieces.cutEffective(first, last, listener.first, listener.last, (iova, mask) ->
                events.notified(listener.id, type, iova, 0, mask, Permission.NONE));
    }

    /**
     * Appends the pieces of each leaf, clipped to the listener's effective range, to the target, and stops the
     * walk once the target has more pieces than {@code room}.
     */
    private final class TargetSink implements Pieces.Sink, DeviceMappings.LeafVisitor {

        private Listener listener;
        private long room;
        private long leafIova;
        private long leafMask;
        private long base;
        private int rights;

        @Override
        public boolean leaves(long iova, long mask, long leafBase, int leafRights, int count) {
            long span = (long) count * (mask + 1);
            long last = iova + span - 1;
            if (Long.compareUnsigned(listener.first, iova) <= 0 && Long.compareUnsigned(last, listener.last) <= 0
                    && !Pieces.meet(iova, last, Operation.INTERRUPT_WINDOW_FIRST, Operation.INTERRUPT_WINDOW_LAST)
                    && !Pieces.meet(leafBase, leafBase + span - 1, Operation.INTERRUPT_WINDOW_FIRST,
                            Operation.INTERRUPT_WINDOW_LAST)) {
                target.add(iova, mask, leafBase, leafRights, mask, count);
            } else {
                for (int leaf = 0; leaf < count; leaf++) {
                    pieces(iova + leaf * (mask + 1), mask, leafBase + leaf * (mask + 1), leafRights);
                }
            }
            return target.size() <= room;
        }

        /** The leaf minus the IOVAs that translate into the interrupt window (contract §7.1). */
        private void pieces(long iova, long mask, long leafBase, int leafRights) {
            leafIova = iova;
            leafMask = mask;
            base = leafBase;
            rights = leafRights;
            long last = iova + mask;
            long baseLast = leafBase + mask;
            if (!Pieces.meet(leafBase, baseLast, Operation.INTERRUPT_WINDOW_FIRST,
                    Operation.INTERRUPT_WINDOW_LAST)) {
                Pieces.cutEffective(iova, last, listener.first, listener.last, this);
                return;
            }
            long cutFirst = iova + (Pieces.max(leafBase, Operation.INTERRUPT_WINDOW_FIRST) - leafBase);
            long cutLast = iova + (Pieces.min(baseLast, Operation.INTERRUPT_WINDOW_LAST) - leafBase);
            if (cutFirst != iova) {
                Pieces.cutEffective(iova, cutFirst - 1, listener.first, listener.last, this);
            }
            if (cutLast != last) {
                Pieces.cutEffective(cutLast + 1, last, listener.first, listener.last, this);
            }
        }

        @Override
        public void piece(long iova, long mask) {
            target.add(iova, mask, base + (iova - leafIova), rights, leafMask, 1);
        }
    }
}
