package io.vtdoracle.properties.command;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.Registers;

/**
 * The VMM creates the unit with {@code capabilities}; the guest boots as Linux does: VER, CAP and ECAP read, root
 * table (SRTP; with TTM = 01b, scalable mode, when the unit has it), fault event registers, optionally queued invalidation and interrupt remapping (16 IRTEs), global
 * invalidations, then optionally translation — or in the order its {@link GuestHabit} says (queued invalidation with the boot's
 * descriptors queued before it is enabled; no queue at all).
 */
public record PowerOn(Capabilities capabilities, boolean queued, boolean interruptRemapping,
                      boolean extendedInterrupts, boolean translation, GuestHabit habit) implements Command {

    /** A guest booting as Linux does. */
    public PowerOn(Capabilities capabilities, boolean queued, boolean interruptRemapping, boolean extendedInterrupts,
                   boolean translation) {
        this(capabilities, queued, interruptRemapping, extendedInterrupts, translation, GuestHabit.LINUX);
    }

    /** The fault event vector the guest programs. */
    public static final int FAULT_VECTOR = 0x4F;
    /** The interrupt remapping table size field (2^(S+1) entries). */
    public static final int IRT_SIZE_FIELD = 3;

    /**
     * Whether the guest uses the invalidation queue: as drawn, but always with one habit and never with another; always
     * in scalable mode (Linux needs it there: PASID-cache and P_IOTLB invalidations exist only as descriptors).
     */
    public boolean usesQueue() {
        return habit == GuestHabit.QUEUE_BEFORE_ENABLE || capabilities.scalableMode().supported()
                || queued && habit != GuestHabit.REGISTER_ONLY;
    }

    @Override
    public void issue(GuestView view) {
        view.powerOn(capabilities);
        view.habit(habit);
        var driver = view.driver();
        // Linux reads VER, CAP and ECAP before programming anything (alloc_iommu, §10.4.1-§10.4.3).
        view.emit(new Operation.ReadRegister(Registers.VER, 4));
        view.emit(new Operation.ReadRegister(Registers.CAP, 8));
        view.emit(new Operation.ReadRegister(Registers.ECAP, 8));
        view.setRootTable();
        driver.writeRegister(Registers.FEDATA, 4, FAULT_VECTOR);
        driver.writeRegister(Registers.FEADDR, 4, 0xFEE0_0000L);
        driver.writeRegister(Registers.FECTL, 4, 0);
        boolean queueFirst = habit == GuestHabit.QUEUE_BEFORE_ENABLE;
        if (usesQueue()) {
            view.prepareQueue();
            driver.writeRegister(Registers.IEDATA, 4, FAULT_VECTOR + 1);
            driver.writeRegister(Registers.IEADDR, 4, 0xFEE0_0000L);
            driver.writeRegister(Registers.IECTL, 4, 0);
            if (!queueFirst) {
                driver.startQueuedInvalidation();
            }
            view.setQueued(true);
        }
        if (interruptRemapping && capabilities.interruptRemapping()) {
            boolean extended = extendedInterrupts && capabilities.extendedInterruptMode();
            driver.enableInterruptRemapping(IRT_SIZE_FIELD, extended);
            view.setInterruptRemapping(IRT_SIZE_FIELD, extended);
        }
        InvalidationPath path = view.path();
        // With the queue-first habit these wait in the queue (IQT moves past them) until QIE is set below.
        view.invalidate(Invalidation.contextGlobal(), path);
        view.invalidate(Invalidation.iotlbGlobal(), path);
        if (queueFirst) {
            driver.startQueuedInvalidation();
        }
        if (translation) {
            view.setTranslation(true);
        }
    }

    private static String scalableMode(Capabilities c) {
        ScalableMode m = c.scalableMode();
        return !m.supported() ? "" : String.format(" sm(%s%s%s%s%s)", m.secondStage() ? " slts" : "",
                m.firstStage() ? " flts" : "", m.supervisorRequests() ? " srs" : "", m.firstStage1GiB() ? " fs1gp" : "",
                m.firstStage5Level() ? " fl5lp" : "").replace("( ", "(");
    }

    @Override
    public String toString() {
        Capabilities c = capabilities;
        return String.format("power on aw%d%s%s nfr%d mamv%d%s%s%s%s%s; boot:%s%s%s%s", c.addressWidth(),
                c.cachingMode() ? " cm" : " no-cm", c.superpages() ? " superpages" : "", c.faultRecordingRegisters(),
                c.maxAddressMaskValue(), c.interruptRemapping() ? " ir" : "", c.extendedInterruptMode() ? " eim" : "",
                c.passThrough() ? " pt" : "", c.deviceTlb() ? " dt" : "", scalableMode(c),
                usesQueue() ? " queued-invalidation" : " register-invalidation",
                interruptRemapping && c.interruptRemapping() ? (extendedInterrupts && c.extendedInterruptMode()
                        ? " interrupt-remapping(x2apic)" : " interrupt-remapping") : "",
                translation ? " translation-on" : "", habit == GuestHabit.LINUX ? "" : "; habit " + habit.label());
    }
}
