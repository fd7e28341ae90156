package io.vtdoracle.impl;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.impl.cache.ContextCache;
import io.vtdoracle.impl.cache.Iotlb;
import io.vtdoracle.impl.cache.PasidCache;
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.dma.DmaRemapper;
import io.vtdoracle.impl.dma.ScalableContextReader;
import io.vtdoracle.impl.fault.EventInterrupt;
import io.vtdoracle.impl.fault.FaultCodes;
import io.vtdoracle.impl.fault.FaultRecorder;
import io.vtdoracle.impl.invalidation.InvalidationQueue;
import io.vtdoracle.impl.invalidation.Invalidations;
import io.vtdoracle.impl.ir.InterruptRemapper;
import io.vtdoracle.impl.listener.Listeners;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.register.RegisterFile;
import io.vtdoracle.impl.state.RemappingState;
import java.util.List;

/**
 * The optimized, mutable VT-d remapping unit (legacy mode, and scalable mode for requests without PASID), following
 * docs/semantics.md.
 *
 * <p><b>Fast path.</b> Besides {@link #apply}, a VMM can translate DMA without allocating:
 * {@link #translate(int, long, boolean)} returns {@link #TRANSLATED} and leaves the result in
 * {@link #translatedAddress()}, {@link #pageMask()} and {@link #rights()} (R bit 0, W bit 1); or {@link #BLOCKED}
 * (a read of the interrupt window); or {@link #INTERRUPT_WINDOW_WRITE} (a write into the window: an interrupt
 * request, nothing was done; use {@code apply(new InterruptRequest(...))}); or a positive fault reason code (VT-d
 * encoding, see {@link io.vtdoracle.api.FaultReason}), the fault recorded and its events in {@link #lastEvents()}.
 * On an IOTLB hit it allocates nothing. {@code apply(DmaRequest)} is this path wrapped in an {@link Outcome}.
 *
 * <p><b>Events to a sink.</b> {@link #apply(Operation, EventSink)} hands the step's events to an {@link EventSink}
 * as they happen, listener notifications as plain fields: a replay or domain switch of many pieces then allocates
 * nothing per event. {@link #apply(Operation)} is that with an {@link EventCollector} whose events make the
 * outcome.
 */
public final class FastRemappingUnit implements RemappingUnit {

    /** Makes units with the default IOTLB capacity. */
    public static final RemappingUnit.Factory FACTORY = FastRemappingUnit::new;

    /** {@link #translate} status: translated. */
    public static final int TRANSLATED = DmaRemapper.TRANSLATED;
    /** {@link #translate} status: a read of the interrupt window, blocked without a fault. */
    public static final int BLOCKED = DmaRemapper.BLOCKED;
    /** {@link #translate} status: a write into the interrupt window, to be handled as an interrupt request. */
    public static final int INTERRUPT_WINDOW_WRITE = DmaRemapper.INTERRUPT_WINDOW_WRITE;

    private static final Permission[] PERMISSIONS = {
        Permission.NONE, Permission.READ, Permission.WRITE, Permission.READ_WRITE};

    private final EventCollector collector = new EventCollector();
    private final Router router = new Router();
    private final GuestMemory memory;
    private final DmaRemapper dma;
    private final InterruptRemapper interruptRemapper;
    private final Listeners listeners;
    private final RegisterFile registers;

    public FastRemappingUnit(Capabilities capabilities) {
        this(capabilities, Iotlb.DEFAULT_CAPACITY);
    }

    /** A unit whose IOTLB holds at most {@code iotlbCapacity} entries. */
    public FastRemappingUnit(Capabilities capabilities, int iotlbCapacity) {
        memory = new GuestMemory(capabilities.guestMemoryBytes());
        RemappingState state = new RemappingState();
        ContextReader contextReader = new ContextReader(capabilities, memory, state);
        ScalableContextReader scalableReader = new ScalableContextReader(capabilities, memory, state);
        ContextCache contextCache = new ContextCache();
        ContextCache scalableContexts = new ContextCache();
        PasidCache pasidCache = new PasidCache();
        Iotlb iotlb = new Iotlb(iotlbCapacity);
        FaultRecorder faults = new FaultRecorder(capabilities.faultRecordingRegisters(),
                new EventInterrupt(Event.InterruptSource.FAULT_EVENT, router), router);
        EventInterrupt completionEvent = new EventInterrupt(Event.InterruptSource.INVALIDATION_COMPLETION, router);
        dma = new DmaRemapper(capabilities, memory, state, contextReader, scalableReader, contextCache,
                scalableContexts, pasidCache, iotlb, faults);
        interruptRemapper = new InterruptRemapper(memory, faults);
        listeners = new Listeners(capabilities, memory, state, contextReader, scalableReader, router);
        Invalidations invalidations = new Invalidations(contextCache, scalableContexts, pasidCache, iotlb, listeners,
                state);
        InvalidationQueue queue = new InvalidationQueue(capabilities, memory, state, invalidations, faults,
                completionEvent, router);
        registers = new RegisterFile(capabilities, state, faults, completionEvent, queue, interruptRemapper,
                invalidations, listeners);
    }

    @Override
    public Outcome apply(Operation operation) {
        collector.clear();
        Result result = dispatch(operation);
        return new Outcome(result, collector.events());
    }

    /**
     * Applies one operation as {@link #apply(Operation)} does, but hands its events to {@code sink} as they happen
     * (in the order the outcome would list them) instead of collecting them; returns the result.
     */
    public Result apply(Operation operation, EventSink sink) {
        router.target = sink;
        try {
            return dispatch(operation);
        } finally {
            router.target = collector;
        }
    }
    /**
     * Translates a DMA request without allocating on an IOTLB hit (see the class comment): {@link #TRANSLATED},
     * {@link #BLOCKED}, {@link #INTERRUPT_WINDOW_WRITE} or a fault reason code.
     *
     * @param sid     the requester's source-id, 0..0xFFFF
     * @param address the requested address
     * @param write   a write (else a read)
     */
    public int translate(int sid, long address, boolean write) {
        collector.clear();
        return dma.translate(sid & 0xFFFF, address, write);
    }

    /** The host-physical address of the last {@link #TRANSLATED} request. */
    public long translatedAddress() {
        return dma.address();
    }

    /** The page mask (0xFFF, 0x1FFFFF or 0x3FFFFFFF) of the last {@link #TRANSLATED} request. */
    public long pageMask() {
        return dma.pageMask();
    }

    /** The rights of the last {@link #TRANSLATED} request: R in bit 0, W in bit 1. */
    public int rights() {
        return dma.rights();
    }

    /** The events of the last {@link #translate} call (fault records and the fault event), until the next call. */
    public List<Event> lastEvents() {
        return collector.events();
    }

    private Result dispatch(Operation operation) {
        if (operation instanceof Operation.DmaRequest request) {
            return dma(request.source().value(), request.address(), request.access() == Access.WRITE, 0);
        }
        if (operation instanceof Operation.InterruptRequest request) {
            return dma(request.source().value(), request.address(), true, request.data());
        }
        if (operation instanceof Operation.WriteMemory write) {
            if (!memory.contains(write.address())) {
                return new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY);
            }
            memory.write(write.address(), write.value());
            return Result.DONE;
        }
        if (operation instanceof Operation.ReadMemory read) {
            return memory.contains(read.address()) ? new Result.Value(memory.read(read.address()))
                    : new Result.Ignored(Result.IgnoreReason.OUTSIDE_GUEST_MEMORY);
        }
        if (operation instanceof Operation.WriteRegister write) {
            if (!registers.valid(write.offset(), write.size())) {
                return new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS);
            }
            registers.write(write.offset(), write.size(), write.value());
            return Result.DONE;
        }
        if (operation instanceof Operation.ReadRegister read) {
            return registers.valid(read.offset(), read.size())
                    ? new Result.Value(registers.read(read.offset(), read.size()))
                    : new Result.Ignored(Result.IgnoreReason.BAD_REGISTER_ACCESS);
        }
        if (operation instanceof Operation.RegisterListener register) {
            return listeners.register(register);
        }
        if (operation instanceof Operation.UnregisterListener unregister) {
            return listeners.unregister(unregister.listener());
        }
        return listeners.replay(((Operation.Replay) operation).listener());
    }

    /** Forwards every event to the current sink: the collector, or the sink of {@link #apply(Operation, EventSink)}. */
    private final class Router implements EventSink {

        private EventSink target = collector;

        @Override
        public void event(Event event) {
            target.event(event);
        }

        @Override
        public void notified(ListenerId listener, Event.NotificationType type, long iova, long translatedAddress,
                             long addressMask, Permission permission) {
            target.notified(listener, type, iova, translatedAddress, addressMask, permission);
        }
    }

    /** A DMA request, or a dword write of {@code data} (an interrupt request when it lands in the window). */
    private Result dma(int sid, long address, boolean write, int data) {
        int status = dma.translate(sid, address, write);
        switch (status) {
            case TRANSLATED:
                return new Result.Translated(dma.address(), dma.pageMask(), PERMISSIONS[dma.rights()]);
            case BLOCKED:
                return Result.BLOCKED;
            case INTERRUPT_WINDOW_WRITE:
                return interruptRemapper.remap(sid, address, data);
            default:
                return new Result.DmaFault(FaultCodes.reason(status));
        }
    }
}
