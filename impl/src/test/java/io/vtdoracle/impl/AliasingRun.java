package io.vtdoracle.impl;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.oracle.ModelUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The aliasing-table cases of {@link AliasingTablesTest}, run in a child JVM with a small heap: for one unit
 * ("model" or "impl"), each case is set up, its action applied, and one line printed: the case, whether its
 * outcome was the expected one, and how long the action took. Anything thrown ends the JVM with a stack trace.
 */
public final class AliasingRun {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);
    static final ListenerId LISTENER = new ListenerId(1);
    static final int DID = 5;

    private AliasingRun() {
    }

    public static void main(String[] args) {
        RemappingUnit.Factory factory = args[0].equals("model") ? ModelUnit::new : FastRemappingUnit.FACTORY;
        for (int levels : new int[] {3, 4}) {
            for (String action : new String[] {"replay", "iotlb-global", "context-global", "te-off-on"}) {
                run(factory, levels, action);
            }
        }
        unmapOnlyListenersOnEverySource(factory);
    }

    /**
     * The top table's 512 entries all point at the top table itself; one MAP|UNMAP listener on the whole space
     * with the default budget; then the action. Expected: the listener overflows (it never held anything).
     */
    private static void run(RemappingUnit.Factory factory, int levels, String action) {
        Capabilities capabilities = levels == 3 ? Capabilities.DEFAULT : Capabilities.DEFAULT.withAddressWidth(48);
        RemappingUnit unit = factory.create(capabilities);
        GuestDriver driver = new GuestDriver(capabilities, 0x10_0000);
        driver.setRootTable();
        long top = driver.allocatePage();
        for (int i = 0; i < 512; i++) {
            driver.writeWord(top + 8L * i, Encoding.slPte(top, Permission.READ_WRITE, false));
        }
        driver.attach(DEVICE, new Domain(DID, levels, top));
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        apply(unit, driver.drain());
        unit.apply(new Operation.RegisterListener(LISTENER, DEVICE, 0, -1L,
                Set.of(ListenerFlag.MAP, ListenerFlag.UNMAP)));
        List<Operation> operations = new ArrayList<>();
        switch (action) {
            case "replay" -> operations.add(new Operation.Replay(LISTENER));
            case "iotlb-global" -> driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
            case "context-global" -> driver.invalidateContextGlobal(InvalidationPath.REGISTER);
            default -> {
                driver.disableTranslation();
                driver.enableTranslation();
            }
        }
        operations.addAll(driver.drain());
        long start = System.nanoTime();
        List<Event> events = apply(unit, operations);
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean expected = events.stream().filter(event -> event instanceof Event.ListenerNotified).count() == 0
                && events.contains(new Event.ListenerOverflowed(LISTENER));
        print(levels + "-level " + action, expected, millis);
    }

    /** An UNMAP-only listener on each of the 65,536 source-ids, then a global IOTLB invalidation. */
    private static void unmapOnlyListenersOnEverySource(RemappingUnit.Factory factory) {
        RemappingUnit unit = factory.create(Capabilities.DEFAULT);
        GuestDriver driver = new GuestDriver(Capabilities.DEFAULT, 0x10_0000);
        driver.setRootTable();
        driver.enableTranslation();
        apply(unit, driver.drain());
        for (int sid = 0; sid <= 0xFFFF; sid++) {
            unit.apply(new Operation.RegisterListener(new ListenerId(sid), new SourceId(sid), 0, 0xFFF,
                    Set.of(ListenerFlag.UNMAP)));
        }
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        long start = System.nanoTime();
        List<Event> events = apply(unit, driver.drain());
        long millis = (System.nanoTime() - start) / 1_000_000;
        print("65536 unmap-only listeners, iotlb-global", events.size() == 0x10000, millis);
    }

    private static List<Event> apply(RemappingUnit unit, List<Operation> operations) {
        List<Event> events = new ArrayList<>();
        for (Operation operation : operations) {
            Outcome outcome = unit.apply(operation);
            events.addAll(outcome.events());
        }
        return events;
    }

    private static void print(String name, boolean expected, long millis) {
        System.out.printf(Locale.ROOT, "%s|%s|%d%n", name, expected ? "expected" : "unexpected", millis);
    }
}
