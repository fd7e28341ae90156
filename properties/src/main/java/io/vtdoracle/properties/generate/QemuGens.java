package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.TestCase;
import io.vtdoracle.properties.command.Attach;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.Detach;
import io.vtdoracle.properties.command.Dma;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.Interrupt;
import io.vtdoracle.properties.command.PowerOn;
import io.vtdoracle.properties.command.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The guest-driver generators restricted to what a fixed-configuration unit (QEMU's) can be driven through: the
 * power-on keeps the boot choices (queued invalidation, interrupt remapping, translation) but fixes the
 * capabilities and boots as Linux does (the drawn guest habit is not used), and every later command is one of
 * {@link CommandGens#commands}'s, {@link #retarget retargeted} at the one device that makes requests, then
 * redrawn until {@code observable} accepts it. The choice encodings
 * are {@link CommandGens}'s and {@link PowerOnGen}'s (plus one choice per attach/detach of another device).
 */
public final class QemuGens {

    private QemuGens() {
    }

    /**
     * What QEMU's adapter observes: translation, faults, fault recording, invalidations and interrupt remapping;
     * no listeners (no VFIO), no device-TLB (DT is off), few raw writes.
     */
    public static Profile profile() {
        Profile p = Profile.balanced().named("qemu").withMistakes(0.15);
        // The device-space probes need several devices making requests; QEMU's adapter has one.
        for (Move move : new Move[] {Move.LISTEN, Move.LISTEN_VFIO, Move.UNLISTEN, Move.REPLAY, Move.SPLIT_PROBE,
            Move.TWIN_PROBE, Move.SIBLING_PROBE, Move.FUNCTION_MASK_PROBE, Move.SOURCE_ID_PROBE,
            Move.PARTIAL_UNMAP_PROBE, Move.DOMAIN_HOPS_PROBE, Move.WINDOW_RUN_PROBE, Move.SUPERPAGE_RESHAPE_PROBE,
            Move.EMPTIED_TABLES_PROBE, Move.UNALIGNED_LISTENER_PROBE,
            Move.DESCENDING_RUN_PROBE, Move.HALF_BOUNDARY_PROBE, Move.PASID_SELECTIVE_SKIP_PROBE,
            Move.SHARED_FRAMES_PROBE, Move.ALIASED_TABLES_PROBE}) {
            p = p.with(move, 0);
        }
        return p.with(Move.DMA, 12).with(Move.INTERRUPT, 4).with(Move.IRTE, 3).with(Move.COMPATIBILITY, 1)
                .with(Move.WAIT, 1.5).with(Move.SERVICE_FAULTS, 1.5).with(Move.DEVICE_TLB, 0.2)
                .with(Move.RAW_MEMORY, 0.3).with(Move.CORRUPT_PTE, 1).with(Move.CORRUPT_ROOT, 0.3)
                .with(Move.RAW_CONTEXT, 0.6).with(Move.RAW_REGISTER, 1).with(Move.REGISTER_READ, 1.5)
                .with(Move.GARBAGE_DESCRIPTOR, 0.4).with(Move.RELOCATE_ROOT, 0.1).with(Move.STALE_PROBE, 2.5)
                .with(Move.FAULT_PROBE, 2.5).with(Move.IRQ_PROBE, 2.5);
    }

    /**
     * The next command: before power-on a {@link PowerOn} with {@code capabilities} (the boot choices drawn as
     * usual, extended interrupts only if the capabilities have EIM); after it {@code profile}'s commands
     * filtered by {@code observable} (redrawn up to {@code attempts} times, then the case is invalid).
     */
    public static Gen<Command> commands(Profile profile, GuestView view, Capabilities capabilities,
                                        SourceId device, Predicate<Command> observable, int attempts) {
        if (!view.poweredOn()) {
            return PowerOnGen.powerOn().map(p -> new PowerOn(capabilities, p.queued(), p.interruptRemapping(),
                    p.extendedInterrupts() && capabilities.extendedInterruptMode(), p.translation()));
        }
        Gen<Command> base = CommandGens.commands(profile, view);
        Gen<Command> retargeted = tc -> retarget(tc, tc.draw(base), device);
        return retargeted.filter(attempts, observable);
    }

    /** DMA addresses the device can emit (edu masks them to 28 bits). */
    public static final long DMA_ADDRESS_MASK = (1L << 28) - 1;

    /**
     * {@code command} with its requests made by {@code device} (the only one that can make them): DMA from it,
     * the address masked to {@link #DMA_ADDRESS_MASK}; interrupts from it with a dword-aligned address (a PCI
     * MSI address has bits 1:0 read-only 0) and 16-bit data whose delivery mode is fixed or lowest priority (bits
     * 10:9 cleared); attaches and detaches of other devices moved to it with
     * probability 0.6 (shrinking towards moving them), so that it is often translated; probes step by step.
     */
    static Command retarget(TestCase tc, Command command, SourceId device) {
        if (command instanceof Dma) {
            Dma dma = (Dma) command;
            return new Dma(device, dma.address() & DMA_ADDRESS_MASK, dma.access());
        }
        if (command instanceof Interrupt) {
            Interrupt irq = (Interrupt) command;
            return new Interrupt(device, irq.address() & ~3L, irq.data() & 0xF9FF);
        }
        if (command instanceof Attach) {
            Attach attach = (Attach) command;
            return attach.source().equals(device) || !tc.draw(Draw.usually(0.4)) ? attach
                    : new Attach(device, attach.did(), attach.passThrough(), attach.flush());
        }
        if (command instanceof Detach) {
            Detach detach = (Detach) command;
            return detach.source().equals(device) || !tc.draw(Draw.usually(0.4)) ? detach
                    : new Detach(device, detach.flush());
        }
        if (command instanceof Probe) {
            Probe probe = (Probe) command;
            List<Command> steps = new ArrayList<>();
            for (Command step : probe.steps()) {
                steps.add(retarget(tc, step, device));
            }
            return new Probe(probe.purpose(), steps);
        }
        return command;
    }
}
