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
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The VMM's listeners (IOMMU notifiers) and the exactly-once contract with them (contract §7): registration,
 * replay, the updates an IOTLB, context-cache or device-TLB invalidation brings, and address-space switches.
 *
 * <p>Each step visits listeners in ascending id. A device's switch to TRANSLATED is told just before the events of
 * its lowest-id listener, a switch to IDENTITY just after those of its highest-id listener. A device's leaves are
 * walked once per step, over the invalidated range and only where its MAP listeners' ranges are.
 */
public final class Listeners {

    private static final long EVERYTHING_FIRST = 0;
    private static final long EVERYTHING_LAST = -1L;
    private static final Permission[] PERMISSIONS = {
        Permission.NONE, Permission.READ, Permission.WRITE, Permission.READ_WRITE};

    private final Capabilities capabilities;
    private final DeviceMappings mappings;
    private final List<Event> events;
    private final TreeMap<Integer, Listener> byId = new TreeMap<>();
    private final TreeMap<Integer, DeviceSpace> bySid = new TreeMap<>();
    private final PieceList target = new PieceList();
    private final PieceList unmapped = new PieceList();
    private final TargetSink targetSink = new TargetSink();
    private int step;

    public Listeners(Capabilities capabilities, GuestMemory memory, RemappingState state,
                     ContextReader contextReader, List<Event> events) {
        this.capabilities = capabilities;
        this.mappings = new DeviceMappings(capabilities, memory, state, contextReader);
        this.events = events;
    }

    /** RegisterListener (contract §7.5): refusals in order, then an empty shadow and no events. */
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
            mappings.resolve(sid);
            device = new DeviceSpace(sid, mappings.identity() ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED);
            bySid.put(sid, device);
        }
        Listener listener = new Listener(operation.listener(), device, operation.first(), operation.last(),
                operation.flags());
        device.listeners.put(id, listener);
        byId.put(id, listener);
        return Result.LISTENER_REGISTERED;
    }

    /** UnregisterListener: its shadow is forgotten without events. */
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

    /** Replay: brings that listener alone to its full target (nothing for a listener without MAP). */
    public Result replay(ListenerId id) {
        Listener listener = byId.get(id.value());
        if (listener == null) {
            return new Result.Ignored(Result.IgnoreReason.UNKNOWN_LISTENER);
        }
        if (listener.map) {
            step++;
            DeviceSpace device = listener.device;
            walkDevice(device, EVERYTHING_FIRST, EVERYTHING_LAST);
            synchronize(listener, EVERYTHING_FIRST, EVERYTHING_LAST);
        }
        return Result.DONE;
    }

    /**
     * An IOTLB invalidation of {@code first..last} for domain {@code did}, or of every domain when {@code global}
     * (contract §7.3): MAP listeners are brought up to date in the range, UNMAP-only listeners told the range.
     */
    public void iotlbInvalidated(boolean global, int did, long first, long last) {
        step++;
        for (Listener listener : byId.values()) {
            if (!listener.map && !listener.unmapOnly()) {
                continue;
            }
            DeviceSpace device = listener.device;
            if (device.step != step) {
                device.step = step;
                device.covered = mappings.resolve(device.sid) && mappings.domainId() == did || global;
                device.leaves.clear();
                if (device.covered && device.hasMapListener()) {
                    mappings.collect(first, last, device.mapHullFirst(), device.mapHullLast(), device.leaves);
                    device.shadowDomain = mappings.domainId();
                }
            }
            if (!device.covered) {
                continue;
            }
            if (listener.map) {
                synchronize(listener, first, last);
            } else {
                notifyRange(listener, NotificationType.UNMAP, first, last);
            }
        }
    }

    /** A global context-cache invalidation: every device with listeners switches or resynchronizes. */
    public void contextInvalidatedAll() {
        contextInvalidated(device -> true);
    }

    /** A domain-selective context-cache invalidation: devices whose shadow came from, or whose context has, DID. */
    public void contextInvalidatedDomain(int did) {
        contextInvalidated(device -> device.shadowDomain == did || mappings.resolve(device.sid)
                && mappings.domainId() == did);
    }

    /** A device-selective context-cache invalidation: source-ids equal to {@code sid} outside {@code ignored}. */
    public void contextInvalidatedDevices(int sid, int ignored) {
        contextInvalidated(device -> ((device.sid ^ sid) & ~ignored) == 0);
    }

    /** GSTS.TES changed: every device with listeners whose view changes switches (contract §7.5). */
    public void translationEnableChanged() {
        step++;
        TreeMap<Integer, AddressSpaceView> switching = new TreeMap<>();
        for (DeviceSpace device : bySid.values()) {
            AddressSpaceView view = freshView(device);
            if (view != device.view) {
                switching.put(device.sid, view);
            }
        }
        switchAndSynchronize(switching);
    }

    /** A device-TLB invalidation of {@code first..last} for {@code sid}: DEVICE_IOTLB_UNMAP listeners are told. */
    public void deviceTlbInvalidated(int sid, long first, long last) {
        DeviceSpace device = bySid.get(sid);
        if (device == null) {
            return;
        }
        for (Listener listener : device.listeners.values()) {
            if (listener.deviceTlbUnmap) {
                notifyRange(listener, NotificationType.DEVICE_IOTLB_UNMAP, first, last);
            }
        }
    }

    private void contextInvalidated(Predicate<DeviceSpace> covered) {
        step++;
        TreeMap<Integer, AddressSpaceView> views = new TreeMap<>();
        for (DeviceSpace device : bySid.values()) {
            if (covered.test(device)) {
                views.put(device.sid, freshView(device));
            }
        }
        switchAndSynchronize(views);
    }

    /**
     * Brings the listeners of the given devices to their full target, with address-space switches where the view
     * changes: to TRANSLATED before the first listener's events, to IDENTITY after the last one's.
     */
    private void switchAndSynchronize(TreeMap<Integer, AddressSpaceView> views) {
        for (Listener listener : byId.values()) {
            DeviceSpace device = listener.device;
            AddressSpaceView view = views.get(device.sid);
            if (view == null) {
                continue;
            }
            boolean switching = view != device.view;
            if (switching && view == AddressSpaceView.TRANSLATED && device.isFirst(listener)) {
                events.add(new Event.AddressSpaceSwitched(new SourceId(device.sid), view));
            }
            if (listener.map) {
                if (device.step != step) {
                    walkDevice(device, EVERYTHING_FIRST, EVERYTHING_LAST);
                }
                synchronize(listener, EVERYTHING_FIRST, EVERYTHING_LAST);
            }
            if (switching && device.isLast(listener)) {
                if (view == AddressSpaceView.IDENTITY) {
                    events.add(new Event.AddressSpaceSwitched(new SourceId(device.sid), view));
                }
                device.view = view;
            }
        }
    }

    private AddressSpaceView freshView(DeviceSpace device) {
        mappings.resolve(device.sid);
        return mappings.identity() ? AddressSpaceView.IDENTITY : AddressSpaceView.TRANSLATED;
    }

    /** Fills the device's leaves for this step from a fresh walk of {@code first..last}. */
    private void walkDevice(DeviceSpace device, long first, long last) {
        device.step = step;
        device.leaves.clear();
        mappings.resolve(device.sid);
        mappings.collect(first, last, device.mapHullFirst(), device.mapHullLast(), device.leaves);
        device.shadowDomain = mappings.domainId();
    }

    /**
     * Brings a MAP listener up to date in {@code first..last} from its device's leaves of this step: shadow pieces
     * meeting the range that are not in the target are unmapped, target pieces not in the shadow are mapped.
     */
    private void synchronize(Listener listener, long first, long last) {
        LeafList leaves = listener.device.leaves;
        target.clear();
        targetSink.listener = listener;
        for (int i = 0; i < leaves.size(); i++) {
            long leafIova = leaves.iova(i);
            long leafLast = leafIova + leaves.mask(i);
            if (Pieces.meet(leafIova, leafLast, first, last)) {
                targetSink.leaf(leafIova, leafLast, leaves.base(i), leaves.rights(i));
            }
        }
        PieceSet shadow = listener.shadow;
        unmapped.clear();
        for (int i = shadow.firstMeeting(first); i < shadow.size()
                && Long.compareUnsigned(shadow.iova(i), last) <= 0; i++) {
            if (shadow.meets(i, first, last)
                    && !target.contains(shadow.iova(i), shadow.mask(i), shadow.translated(i), shadow.permission(i))) {
                unmapped.add(shadow.iova(i), shadow.mask(i), shadow.translated(i), shadow.permission(i));
            }
        }
        for (int i = 0; i < unmapped.size(); i++) {
            shadow.remove(unmapped.iova(i), unmapped.mask(i), unmapped.translated(i), unmapped.rights(i));
            if (listener.unmap) {
                events.add(new Event.ListenerNotified(listener.id, NotificationType.UNMAP, unmapped.iova(i), 0,
                        unmapped.mask(i), Permission.NONE));
            }
        }
        for (int i = 0; i < target.size(); i++) {
            long iova = target.iova(i);
            long mask = target.mask(i);
            long translated = target.translated(i);
            int rights = target.rights(i);
            if (!shadow.contains(iova, mask, translated, rights)) {
                shadow.add(iova, mask, translated, rights);
                events.add(new Event.ListenerNotified(listener.id, NotificationType.MAP, iova, translated, mask,
                        PERMISSIONS[rights]));
            }
        }
    }

    /** Tells a listener that {@code first..last}, within its effective range, is gone. */
    private void notifyRange(Listener listener, NotificationType type, long first, long last) {
        Pieces.cutEffective(first, last, listener.first, listener.last, (iova, mask) ->
                events.add(new Event.ListenerNotified(listener.id, type, iova, 0, mask, Permission.NONE)));
    }

    /** Appends the pieces of one leaf, clipped to the listener's effective range, to the target. */
    private final class TargetSink implements Pieces.Sink {

        private Listener listener;
        private long leafIova;
        private long base;
        private int rights;

        /** The leaf minus the IOVAs that translate into the interrupt window (contract §7.1). */
        void leaf(long iova, long last, long leafBase, int leafRights) {
            leafIova = iova;
            base = leafBase;
            rights = leafRights;
            long baseLast = leafBase + (last - iova);
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
            target.add(iova, mask, base + (iova - leafIova), rights);
        }
    }
}
