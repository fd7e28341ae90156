package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;

/**
 * A guest that rewrites PASID-table entry {@code pasid} of device {@code source} (the RID_PASID a
 * {@link SwitchRidPasid} gave it) under the device's domain-id: pointing it at the domain's own tables (the entry
 * the guest keeps for PASID 0), or pass-through (PGTT = 100b) when {@code passThrough}. No invalidation follows: the
 * PASID-cache entry and the device's listeners keep the old entry until a PASID-cache invalidation covering
 * (DID, {@code pasid}) (§6.5.3.3, contract §9.10). A PASID of 0 or without an entry of its own changes nothing.
 */
public record ChangeRidPasidEntry(SourceId source, int pasid, boolean passThrough) implements Command {


    @Override
    public void issue(GuestView view) {
        if (!view.scalable() || pasid == 0 || SwitchRidPasid.UNTABLED.contains(pasid)) {
            return;
        }
        ScalableTables tables = view.scalableTables();
        Integer attached = view.attached().get(source);
        int did = attached == null ? 0 : attached;
        long[] words = passThrough ? tables.passThroughEntry(did) : tables.pasidEntryFor(view.domain(did));
        tables.writeEntry(tables.pasidEntry(source, pasid), words);
        view.dirt().pasidChanged(source, did, did);
    }

    @Override
    public String toString() {
        return String.format("pasid-entry %s %d := %s (not invalidated)", source, pasid,
                passThrough ? "pass-through" : "domain's tables");
    }
}
