package io.vtdoracle.vectors;

import io.vtdoracle.api.FaultReason;
import io.vtdoracle.properties.command.SyncScope;
import io.vtdoracle.properties.generate.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Something a generated case must reach, as a label of {@link CoverageLabels}: every DMA fault reason the
 * requests of the contract can show (1h-Ch and Eh; Dh needs translated requests), every interrupt-remapping check
 * 20h-26h, every invalidation of each granularity on each path, invalidation wait, device-TLB and malformed
 * descriptors, 2 MiB and 1 GiB translations, a listener MAP ending at or starting from the interrupt window, and a domain
 * switch under listeners.
 *
 * @param label   the label to reach, also the generated vector's name
 * @param chapter the vector's chapter
 * @param profile the generator profile that reaches it
 */
record CoverageTarget(String label, Chapter chapter, Supplier<Profile> profile) {

    static List<CoverageTarget> all() {
        List<CoverageTarget> targets = new ArrayList<>();
        for (FaultReason reason : FaultReason.values()) {
            if (reason.code() < 0x20 && reason != FaultReason.CONTEXT_ENTRY_TRANSLATION_TYPE) {
                Chapter chapter = reason.code() <= 3 || (reason.code() >= 8 && reason.code() <= 0xB)
                        ? Chapter.ROOT_CONTEXT : Chapter.PAGING;
                targets.add(new CoverageTarget(CoverageLabels.dmaFault(reason), chapter, Profile::balanced));
            } else if (reason.isInterruptRemapping()) {
                targets.add(new CoverageTarget(CoverageLabels.interruptFault(reason), Chapter.INTERRUPT_REMAPPING,
                        Profile::interrupts));
            }
        }
        for (SyncScope.Kind kind : SyncScope.Kind.values()) {
            // the vectors are legacy mode: no scalable-mode invalidations
            if (kind != SyncScope.Kind.TRANSLATION && kind != SyncScope.Kind.REPLAY && !kind.scalableOnly()) {
                for (boolean queued : new boolean[] {false, true}) {
                    targets.add(new CoverageTarget(CoverageLabels.invalidation(kind, queued), Chapter.INVALIDATION,
                            Profile::balanced));
                }
            }
        }
        targets.add(new CoverageTarget(CoverageLabels.WAIT, Chapter.INVALIDATION, Profile::balanced));
        targets.add(new CoverageTarget(CoverageLabels.DEVICE_TLB, Chapter.INVALIDATION, Profile::balanced));
        targets.add(new CoverageTarget(CoverageLabels.GARBAGE, Chapter.INVALIDATION, Profile::garbage));
        targets.add(new CoverageTarget(CoverageLabels.TRANSLATED_2M, Chapter.PAGING, Profile::balanced));
        targets.add(new CoverageTarget(CoverageLabels.TRANSLATED_1G, Chapter.PAGING, Profile::balanced));
        targets.add(new CoverageTarget(CoverageLabels.WINDOW_SPLIT, Chapter.LISTENERS, Profile::listeners));
        targets.add(new CoverageTarget(CoverageLabels.DOMAIN_SWITCH, Chapter.LISTENERS, Profile::domainSwitches));
        return targets;
    }

    /** The generated vector's name: "gen-" and the label. */
    String name() {
        return "gen-" + label.toLowerCase(Locale.ROOT);
    }
}
