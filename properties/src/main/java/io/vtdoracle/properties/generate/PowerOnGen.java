package io.vtdoracle.properties.generate;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.check.Gen;
import io.vtdoracle.check.Gens;
import io.vtdoracle.properties.command.GuestHabit;
import io.vtdoracle.properties.command.PowerOn;
import java.util.ArrayList;
import java.util.List;

/**
 * Capabilities and boot: address width 39/48, caching mode on/off, superpages on/off, 1–8 fault recording
 * registers, MAMV (18, 0–9, or 63), EIM, device-TLB; then queued invalidation, interrupt remapping and translation
 * on or off; then the guest's {@link GuestHabit} (Linux's order, or another driver's); last, in a share of the
 * cases, scalable mode (QEMU 10's second-stage or first-stage unit, or every knob; without ECAP.PT in some), which
 * the guest then programs.
 * The legacy choices come first, so a legacy case draws as it did before scalable mode. Shrinks towards QEMU's
 * default unit booted as Linux boots it.
 */
final class PowerOnGen {

    private PowerOnGen() {
    }

    /** Linux's habit a little more often than each other one (every one in some 15% of the cases). */
    static Gen<GuestHabit> habit() {
        List<Gens.Weighted<GuestHabit>> habits = new ArrayList<>();
        for (GuestHabit habit : GuestHabit.values()) {
            habits.add(Gens.weighted(habit == GuestHabit.LINUX ? 1.5 : 1, Gens.constant(habit)));
        }
        @SuppressWarnings("unchecked")
        Gens.Weighted<GuestHabit>[] array = habits.toArray(new Gens.Weighted[0]);
        return Gens.frequency(array);
    }

    /** A legacy-mode unit (the QEMU judge pins its own capabilities). */
    static Gen<PowerOn> powerOn() {
        return powerOn(0);
    }

    /** Scalable mode in a share {@code scalable} of the cases (0: never), with one of the three knob sets. */
    static Gen<PowerOn> powerOn(double scalable) {
        Gen<ScalableMode> mode = Draw.mostly(Gens.constant(ScalableMode.NONE), scalable, Gens.elements(
                ScalableMode.QEMU_SECOND_STAGE, ScalableMode.QEMU_FIRST_STAGE, ScalableMode.ALL));
        return tc -> {
            int aw = tc.draw(Gens.elements(39, 48));
            boolean cm = tc.draw(Draw.usually(0.2));
            boolean superpages = tc.draw(Draw.usually(0.2));
            int nfr = tc.draw(Gens.ints(1, 8));
            boolean eim = tc.draw(Draw.chance(0.25));
            boolean dt = tc.draw(Draw.chance(0.25));
            // MAMV 63 last: a page-selective invalidation may then name the whole address space (AM >= 52)
            int mamv = tc.draw(Gens.frequency(Gens.weighted(0.7, Gens.constant(18)),
                    Gens.weighted(0.3, Gens.ints(0, 9)), Gens.weighted(0.2, Gens.constant(63))));
            boolean queued = tc.draw(Gens.booleans());
            boolean ir = tc.draw(Draw.usually(0.2));
            boolean translation = tc.draw(Draw.usually(0.15));
            GuestHabit habit = tc.draw(habit());
            // no choice at all without scalable mode: a legacy-only generator (the QEMU judge's) draws as before
            ScalableMode drawn = scalable > 0 ? tc.draw(mode) : ScalableMode.NONE;
            // a scalable-mode unit without ECAP.PT now and then: a PGTT 100b entry is then invalid (5Bh, §9.6)
            boolean passThrough = drawn == ScalableMode.NONE || !tc.draw(Draw.chance(0.15));
            Capabilities caps = new Capabilities(aw, cm, superpages, nfr, true, eim, passThrough, dt, mamv,
                    Capabilities.DEFAULT.guestMemoryBytes());
            return new PowerOn(caps.withScalableMode(drawn), queued, ir, eim, translation, habit);
        };
    }
}
