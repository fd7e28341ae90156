package io.vtdoracle.scenarios;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.Event.NotificationType;
import io.vtdoracle.api.ListenerFlag;
import io.vtdoracle.api.ListenerId;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Permission;
import io.vtdoracle.api.RemappingUnit;
import io.vtdoracle.api.Result;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.guest.Domain;
import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.InvalidationPath;
import io.vtdoracle.guest.PageSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §7.5, mapping budget: a MAP listener never holds more pieces than its budget; an update that would
 * leave it holding more unmaps everything it holds and reports {@code ListenerOverflowed}; and tables that alias
 * each other end in an overflow (or nothing) rather than in an enumeration of 512^levels leaves.
 */
public abstract class ListenerBudgetScenarios {

    static final SourceId DEVICE = SourceId.of(0, 4, 0);
    static final ListenerId FIRST = new ListenerId(1);
    static final ListenerId SECOND = new ListenerId(2);
    static final long TARGET = 0x4000_0000L;
    static final int DID = 5;

    private Domain domain;

    protected abstract RemappingUnit.Factory factory();

    /** A device in domain {@link #DID} with 4K leaves at IOVA 0, 4K, ... ({@code pages} of them), TE on. */
    private Guest guest(int pages) {
        Guest guest = new Guest(factory(), Capabilities.DEFAULT);
        GuestDriver driver = guest.driver();
        driver.setRootTable();
        domain = driver.createDomain(DID);
        for (int i = 0; i < pages; i++) {
            map(driver, domain, i);
        }
        driver.attach(DEVICE, domain);
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.invalidateIotlbGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        assertThat(guest.runEvents()).isEmpty();
        return guest;
    }

    private static void map(GuestDriver driver, Domain domain, int page) {
        driver.map(domain, page * 0x1000L, TARGET + page * 0x1000L, PageSize.SIZE_4K, Permission.READ_WRITE);
    }

    private static Operation.RegisterListener listener(ListenerId id, int budget, ListenerFlag... flags) {
        return new Operation.RegisterListener(id, DEVICE, 0, -1L, Set.of(flags), budget);
    }

    private static Event mapped(ListenerId id, int page) {
        return new Event.ListenerNotified(id, NotificationType.MAP, page * 0x1000L, TARGET + page * 0x1000L, 0xFFF,
                Permission.READ_WRITE);
    }

    private static Event unmapped(ListenerId id, int page) {
        return new Event.ListenerNotified(id, NotificationType.UNMAP, page * 0x1000L, 0, 0xFFF, Permission.NONE);
    }

    private static List<Event> mappedPages(ListenerId id, int from, int to) {
        List<Event> events = new ArrayList<>();
        for (int page = from; page < to; page++) {
            events.add(mapped(id, page));
        }
        return events;
    }

    @Test
    void aReplayWithinTheBudgetMapsEverything() {
        Guest guest = guest(4);
        guest.apply(listener(FIRST, 4, ListenerFlag.MAP, ListenerFlag.UNMAP));
        assertThat(guest.apply(new Operation.Replay(FIRST)).events())
                .containsExactlyElementsOf(mappedPages(FIRST, 0, 4));
    }

    @Test
    void aReplayPastTheBudgetOnlyOverflowsAndTheOverflowIsNotSticky() {
        Guest guest = guest(4);
        guest.apply(listener(FIRST, 3, ListenerFlag.MAP, ListenerFlag.UNMAP));
        assertThat(guest.apply(new Operation.Replay(FIRST)).events())
                .containsExactly(new Event.ListenerOverflowed(FIRST));
        // It holds nothing: a page-selective invalidation of one page fits and maps that page.
        guest.driver().invalidateIotlbPage(InvalidationPath.REGISTER, DID, 0x2000, 0, false);
        assertThat(guest.runEvents()).containsExactly(mapped(FIRST, 2));
    }

    @Test
    void growingPastTheBudgetUnmapsEverythingHeldThenOverflows() {
        Guest guest = guest(4);
        guest.apply(listener(FIRST, 4, ListenerFlag.MAP, ListenerFlag.UNMAP));
        guest.apply(new Operation.Replay(FIRST));
        map(guest.driver(), domain, 9);
        guest.driver().invalidateIotlbPage(InvalidationPath.REGISTER, DID, 0x9000, 0, false);
        assertThat(guest.runEvents()).containsExactly(unmapped(FIRST, 0), unmapped(FIRST, 1), unmapped(FIRST, 2),
                unmapped(FIRST, 3), new Event.ListenerOverflowed(FIRST));
        // Emptied: the guest removes the fifth page again, and a global invalidation fits the budget.
        guest.driver().unmap(domain, 0x9000, PageSize.SIZE_4K);
        guest.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        assertThat(guest.runEvents()).containsExactlyElementsOf(mappedPages(FIRST, 0, 4));
    }

    @Test
    void aMapOnlyListenerIsToldOnlyThatItOverflowed() {
        Guest guest = guest(2);
        guest.apply(listener(FIRST, 1, ListenerFlag.MAP));
        assertThat(guest.apply(new Operation.Replay(FIRST)).events())
                .containsExactly(new Event.ListenerOverflowed(FIRST));
    }

    @Test
    void aZeroBudgetHoldsNothingButAnEmptyTargetFits() {
        Guest guest = guest(0);
        guest.apply(listener(FIRST, 0, ListenerFlag.MAP, ListenerFlag.UNMAP));
        assertThat(guest.apply(new Operation.Replay(FIRST)).events()).isEmpty();
        map(guest.driver(), domain, 0);
        guest.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        assertThat(guest.runEvents()).containsExactly(new Event.ListenerOverflowed(FIRST));
    }

    @Test
    void aDomainSwitchOverflowsOnlyTheListenerPastItsBudget() {
        Guest guest = guest(3);
        guest.apply(listener(FIRST, 3, ListenerFlag.MAP, ListenerFlag.UNMAP));
        guest.apply(listener(SECOND, 2, ListenerFlag.MAP, ListenerFlag.UNMAP));
        guest.driver().invalidateContextGlobal(InvalidationPath.REGISTER);
        List<Event> expected = new ArrayList<>(mappedPages(FIRST, 0, 3));
        expected.add(new Event.ListenerOverflowed(SECOND));
        assertThat(guest.runEvents()).containsExactlyElementsOf(expected);
    }

    @Test
    void aRegistrationKeepsItsBudget() {
        Guest guest = guest(0);
        assertThat(guest.apply(listener(FIRST, 7, ListenerFlag.UNMAP)).result())
                .isEqualTo(Result.LISTENER_REGISTERED);
        assertThat(new Operation.RegisterListener(FIRST, DEVICE, 0, 1, Set.of(ListenerFlag.MAP)).mappingBudget())
                .isEqualTo(Operation.RegisterListener.DEFAULT_MAPPING_BUDGET);
    }

    /** A device whose top table (3 levels) has its 512 entries pointing at itself: 512^3 4K leaves. */
    @Test
    void selfAliasingTablesOverflowTheListener() {
        Guest guest = aliasing(top -> Encoding.slPte(top, Permission.READ_WRITE, false), 3);
        guest.apply(listener(FIRST, 1000, ListenerFlag.MAP, ListenerFlag.UNMAP));
        assertThat(guest.apply(new Operation.Replay(FIRST)).events())
                .containsExactly(new Event.ListenerOverflowed(FIRST));
        guest.driver().invalidateIotlbGlobal(InvalidationPath.REGISTER);
        assertThat(guest.runEvents()).containsExactly(new Event.ListenerOverflowed(FIRST));
    }

    /**
     * Four levels where every entry of each level points at one table below it and the bottom table is empty, or
     * maps only into the interrupt window: 512^3 bottom-table visits without a single mapping, done once.
     */
    @Test
    void aliasingTablesWithoutMappingsGiveNothing() {
        for (long bottomEntry : new long[] {0, Encoding.slPte(0xFEE0_0000L, Permission.READ_WRITE, false)}) {
            Guest guest = new Guest(factory(), Capabilities.DEFAULT.withAddressWidth(48));
            GuestDriver driver = guest.driver();
            driver.setRootTable();
            long[] tables = {driver.allocatePage(), driver.allocatePage(), driver.allocatePage(),
                driver.allocatePage()};
            for (int level = 0; level < 4; level++) {
                for (int i = 0; i < 512; i++) {
                    driver.writeWord(tables[level] + 8L * i, level == 3 ? bottomEntry
                            : Encoding.slPte(tables[level + 1], Permission.READ_WRITE, false));
                }
            }
            driver.attach(DEVICE, new Domain(DID, 4, tables[0]));
            driver.enableTranslation();
            guest.run();
            guest.apply(listener(FIRST, 10, ListenerFlag.MAP, ListenerFlag.UNMAP));
            assertThat(guest.apply(new Operation.Replay(FIRST)).events()).isEmpty();
        }
    }

    private Guest aliasing(java.util.function.LongUnaryOperator entry, int levels) {
        Guest guest = new Guest(factory(),
                levels == 3 ? Capabilities.DEFAULT : Capabilities.DEFAULT.withAddressWidth(48));
        GuestDriver driver = guest.driver();
        driver.setRootTable();
        long top = driver.allocatePage();
        for (int i = 0; i < 512; i++) {
            driver.writeWord(top + 8L * i, entry.applyAsLong(top));
        }
        driver.attach(DEVICE, new Domain(DID, levels, top));
        driver.invalidateContextGlobal(InvalidationPath.REGISTER);
        driver.enableTranslation();
        guest.run();
        return guest;
    }
}
