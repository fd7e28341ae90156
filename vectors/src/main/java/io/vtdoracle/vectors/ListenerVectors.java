package io.vtdoracle.vectors;

import static io.vtdoracle.vectors.Fixtures.hand;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Listeners as VFIO uses them (docs/semantics.md §7), first of all the VFIO enablement of the RFC trace: device
 * 00:04.0 with the context entry hi 0x301 lo 0x3be77001 (domain 3, 3-level tables at 0x3be77000 → 0x3c88a000 →
 * 0x366cb000), leaves at IOVA 0x0..0xe000 onto 0x366cb000 with permission 3, and VFIO's two listeners split
 * around the interrupt window 0xFEE00000-0xFEEFFFFF.
 */
final class ListenerVectors {

    private static final Chapter LISTENERS = Chapter.LISTENERS;
    private static final SourceId RFC_DEVICE = SourceId.of(0, 4, 0);
    private static final ListenerId BELOW = new ListenerId(1);
    private static final ListenerId ABOVE = new ListenerId(2);
    private static final long RFC_TARGET = 0x366c_b000L;
    private static final int RFC_LEAVES = 15;

    private ListenerVectors() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                rfc("rfc-replay-below-window", "replay maps the trace's 15 pages to the listener below the window;"
                        + " replaying again tells nothing", s -> s.replay(BELOW).replay(ABOVE).replay(BELOW)),
                rfc("rfc-page-unmap", "a page-selective invalidation after an unmap unmaps that page", s -> {
                    s.replay(BELOW);
                    s.driver().writeWord(RFC_TARGET + 8 * 3, 0);
                    s.driver().invalidateIotlbPage(InvalidationPath.REGISTER, 3, 0x3000, 0, false);
                    s.probeAll();
                }),
                rfc("rfc-queued-domain-map", "a new page is mapped on the queued invalidation of its domain", s -> {
                    s.replay(BELOW);
                    s.driver().enableQueuedInvalidation();
                    s.settle();
                    s.driver().writeWord(RFC_TARGET + 8 * 0x20, 0x1234_5001L);
                    s.driver().invalidateIotlbDomain(InvalidationPath.QUEUE, 3);
                    s.probeAll();
                }),
                rfc("rfc-detach-empties", "detaching the device empties its listeners", s -> {
                    s.replay(BELOW);
                    s.driver().detach(RFC_DEVICE);
                    s.driver().invalidateContextDevice(InvalidationPath.REGISTER, 3, RFC_DEVICE);
                    s.probeAll();
                }),
                rfc("rfc-translation-off-and-on", "TE=0 empties the listeners and switches to identity; TE=1 refills",
                        s -> {
                            s.replay(BELOW);
                            s.driver().disableTranslation();
                            s.probeAll();
                            s.driver().enableTranslation();
                            s.probeAll();
                        }),
                hand("map-refused-without-caching-mode", LISTENERS, "a MAP listener needs CAP.CM",
                        Capabilities.DEFAULT.withCachingMode(false), s -> s.listen(BELOW, RFC_DEVICE, 0, -1L)),
                hand("device-iotlb-unmap-refused-without-dt", LISTENERS, "DEVICE_IOTLB_UNMAP needs ECAP.DT", s ->
                        s.probe(new Operation.RegisterListener(BELOW, RFC_DEVICE, 0, -1L,
                                Set.of(ListenerFlag.DEVICE_IOTLB_UNMAP)))),
                hand("superpage-split-at-window", LISTENERS,
                        "a 1G leaf over the window is replayed in aligned pieces around it", s -> {
                            GuestDriver driver = s.driver();
                            driver.setRootTable();
                            Domain domain = driver.createDomain(9);
                            driver.attach(RFC_DEVICE, domain);
                            driver.map(domain, 0xC000_0000L, 0x4000_0000L, PageSize.SIZE_1G, Permission.READ_WRITE);
                            driver.invalidateContextGlobal(InvalidationPath.REGISTER);
                            driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
                            driver.enableTranslation();
                            s.listen(BELOW, RFC_DEVICE, 0, 0xFEDF_FFFFL).listen(ABOVE, RFC_DEVICE, 0xFEF0_0000L, -1L)
                                    .replay(BELOW).replay(ABOVE);
                            driver.unmap(domain, 0xC000_0000L, PageSize.SIZE_1G);
                            driver.invalidateIotlbDomain(InvalidationPath.REGISTER, 9);
                            s.probeAll();
                        }),
                hand("unlisten-forgets", LISTENERS, "an unregistered listener is forgotten without events; a second"
                        + " removal is ignored", s -> {
                            s.listen(BELOW, RFC_DEVICE, 0, -1L);
                            s.probe(new Operation.UnregisterListener(BELOW));
                            s.probe(new Operation.UnregisterListener(BELOW));
                            s.replay(BELOW);
                        }));
    }

    /** The RFC trace's guest: tables written, caches invalidated, translation enabled, VFIO listening. */
    private static Scenario rfc(String name, String title, Consumer<Script> body) {
        return new Scenario(name, LISTENERS, title, "rfc-trace", Capabilities.DEFAULT, List.of(), s -> {
            GuestDriver driver = s.driver();
            driver.setRootTable();
            driver.writeContext(RFC_DEVICE, 0x3be7_7001L, 0x301L);
            driver.writeWord(0x3be7_7000L, 0x3c88_a003L);           // level 3, index 0
            driver.writeWord(0x3c88_a000L, 0x366c_b003L);           // level 2, index 0
            for (int i = 0; i < RFC_LEAVES; i++) {
                driver.writeWord(RFC_TARGET + 8L * i, RFC_TARGET | 3); // level 1: IOVA i·4K → 0x366cb000, R+W
            }
            driver.invalidateContextGlobal(InvalidationPath.REGISTER);
            driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
            driver.enableTranslation();
            s.settle();
            s.setup(new Operation.RegisterListener(BELOW, RFC_DEVICE, 0, 0xFEDF_FFFFL,
                    Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
            s.setup(new Operation.RegisterListener(ABOVE, RFC_DEVICE, 0xFEF0_0000L, -1L,
                    Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
            body.accept(s);
        });
    }
}
