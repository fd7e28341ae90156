package io.vtdoracle.vectors;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The set-ups the hand-written scenarios share, and a short way to name a scenario. */
final class Fixtures {

    /** The device the DMA scenarios use. */
    static final SourceId DEVICE = SourceId.of(0, 3, 0);
    /** Its domain id. */
    static final int DID = 5;

    private Fixtures() {
    }

    /** Root table set, DEVICE attached to a fresh domain DID, translation enabled. */
    static Domain translating(Script script) {
        GuestDriver driver = script.driver();
        driver.setRootTable();
        Domain domain = driver.createDomain(DID);
        driver.attach(DEVICE, domain);
        driver.enableTranslation();
        script.settle();
        return domain;
    }

    /** Maps one page (or superpage) and invalidates the domain's IOTLB entries, as Linux does. */
    static void map(Script script, Domain domain, long iova, long target, PageSize size, Permission permission) {
        script.driver().map(domain, iova, target, size, permission);
        script.driver().invalidateIotlbDomain(InvalidationPath.REGISTER, DID);
        script.settle();
    }

    /** A hand-written scenario with default capabilities. */
    static Scenario hand(String name, Chapter chapter, String title, Consumer<Script> body) {
        return hand(name, chapter, title, Capabilities.DEFAULT, body);
    }

    static Scenario hand(String name, Chapter chapter, String title, Capabilities capabilities,
                         Consumer<Script> body) {
        return new Scenario(name, chapter, title, "hand-written", capabilities, List.of(), body);
    }

    /** A hand-written DMA scenario on a translating DEVICE with default capabilities. */
    static Scenario dma(String name, Chapter chapter, String title, BiConsumer<Script, Domain> body) {
        return hand(name, chapter, title, script -> body.accept(script, translating(script)));
    }
}
