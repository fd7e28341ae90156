package io.vtdoracle.properties.lockstep;

import io.vtdoracle.api.SourceId;
import io.vtdoracle.properties.command.ChangeRidPasidEntry;
import io.vtdoracle.properties.command.Command;
import io.vtdoracle.properties.command.GuestView;
import io.vtdoracle.properties.command.SwitchRidPasid;
import io.vtdoracle.properties.command.SyncScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels {@value #SKIPS_LISTENED_DEVICE}: a PASID-selective PASID-cache invalidation of a domain-id for PASID 0
 * (§6.5.2.2) while a device of that domain-id with a MAP listener is on another RID_PASID whose entry the guest
 * rewrote since the last invalidation covering it. Contract §9.10: the invalidation does not cover that device, whose
 * listeners keep the old entry. One instance per case.
 */
final class PasidSelectiveLabels {

    static final String SKIPS_LISTENED_DEVICE = "pasid-selective-invalidation-skips-listened-device";

    /** Per device, its RID_PASID where the guest changed it. */
    private final Map<SourceId, Integer> ridPasids = new HashMap<>();
    /** Devices whose RID_PASID entry (≠ 0) changed since a PASID-cache or context-cache invalidation covered them. */
    private final Set<SourceId> changed = new HashSet<>();

    /** Remembers what {@code command} changes, before it runs. */
    void beforeCommand(Command command) {
        if (command instanceof SwitchRidPasid s) {
            ridPasids.put(s.source(), s.pasid());
            changed.remove(s.source());
        } else if (command instanceof ChangeRidPasidEntry c && c.pasid() != 0
                && !SwitchRidPasid.UNTABLED.contains(c.pasid())
                && ridPasids.getOrDefault(c.source(), 0) == c.pasid()) {
            changed.add(c.source());
        }
    }

    /** After a command run in {@code view}: the label of each PASID-selective invalidation that skips such a device. */
    List<String> afterCommand(GuestView view, List<SyncScope> syncs) {
        List<String> labels = new ArrayList<>();
        for (SyncScope scope : syncs) {
            switch (scope.kind()) {
                case PASID_CACHE_PASID:
                    if (changed.stream().anyMatch(d -> Integer.valueOf(scope.did()).equals(view.attached().get(d))
                            && view.hasMapListener(d))) {
                        labels.add(SKIPS_LISTENED_DEVICE);
                    }
                    break;
                case PASID_CACHE_DOMAIN:
                    changed.removeIf(d -> Integer.valueOf(scope.did()).equals(view.attached().get(d)));
                    break;
                case CONTEXT_DEVICE:
                    changed.remove(scope.source());
                    break;
                case PASID_CACHE_GLOBAL:
                case CONTEXT_GLOBAL:
                case CONTEXT_DOMAIN:
                case TRANSLATION:
                    changed.clear();
                    break;
                default:
                    break;
            }
        }
        return labels;
    }
}
