package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.SourceId;
import io.vtdoracle.model.Transition;
import io.vtdoracle.model.UnitState;

/**
 * Register-based invalidation (§6.5.1, §10.4.7, §10.4.8, contract §6.1): a CCMD write with ICC = 1 or an
 * IOTLB_REG write with IVT = 1 invalidates at once and reports the granularity it used in CAIG / IAIG.
 */
final class RegisterInvalidation {

    private static final long ICC = 1L << 63;
    private static final long IVT = 1L << 63;

    private RegisterInvalidation() {
    }

    /**
     * §10.4.7: the command in CCMD, if ICC is set. Hardware may invalidate at a coarser granularity than asked,
     * reporting it in CAIG: a domain-selective request may be performed globally (as QEMU does), so it has two
     * transitions, the requested granularity first.
     */
    static List<Transition> contextCommand(UnitState state) {
        InvalidationRegisters registers = state.registers().invalidation();
        long command = registers.contextCommand();
        if ((command & ICC) == 0) {
            return List.of(Transition.of(state));
        }
        Option<ContextInvalidation> requested = acceptsCommands(state) ? contextGranularity(command)
                : Option.none();
        if (requested.isEmpty()) {
            return List.of(Transition.of(completed(state, command, 0)));
        }
        List<ContextInvalidation> performed = requested.get() instanceof ContextInvalidation.Domain
                ? List.of(requested.get(), new ContextInvalidation.Global()) : List.of(requested.get());
        return performed.map(done -> Invalidations.context(completed(state, command, granularity(done)), done));
    }

    /** §10.4.7: completion clears ICC and reports the granularity performed in CAIG (0: not performed). */
    private static UnitState completed(UnitState state, long command, long caig) {
        long done = command & ~ICC & ~(3L << 59) | caig << 59;
        return withRegisters(state, state.registers().invalidation().withContextCommand(done));
    }

    /** The CAIG encoding of a performed context-cache invalidation. */
    private static long granularity(ContextInvalidation invalidation) {
        if (invalidation instanceof ContextInvalidation.Global) {
            return 1;
        }
        return invalidation instanceof ContextInvalidation.Domain ? 2 : 3;
    }

    /** §10.4.8: the command in IOTLB_REG (with IVA for page-selective), if IVT is set. */
    static Transition iotlbCommand(UnitState state) {
        InvalidationRegisters registers = state.registers().invalidation();
        long command = registers.iotlbCommand();
        if ((command & IVT) == 0) {
            return Transition.of(state);
        }
        Option<IotlbInvalidation> invalidation = acceptsCommands(state)
                ? iotlbGranularity(command, registers.invalidateAddress(),
                state.capabilities().maxAddressMaskValue())
                : Option.none();
        long iaig = invalidation.isDefined() ? command >>> 60 & 3 : 0;
        // §10.4.8: completion clears IVT and reports the actual granularity (IAIG = IIRG, or 0 when rejected).
        long completed = command & ~IVT & ~(3L << 57) | iaig << 57;
        UnitState reported = withRegisters(state, registers.withIotlbCommand(completed));
        return invalidation.map(done -> Invalidations.iotlb(reported, done))
                .getOrElse(() -> Transition.of(reported));
    }

    /** §6.5.2: while queued invalidation is enabled, register-based invalidation commands are not processed. */
    private static boolean acceptsCommands(UnitState state) {
        return !state.registers().queuedInvalidationEnabled();
    }

    /** CIRG (62:61): 1 global, 2 domain (DID 15:0), 3 device (SID 31:16, FM 33:32); 0 is reserved. */
    private static Option<ContextInvalidation> contextGranularity(long command) {
        int did = (int) (command & 0xFFFF);
        switch ((int) (command >>> 61 & 3)) {
            case 1:
                return Option.some(new ContextInvalidation.Global());
            case 2:
                return Option.some(new ContextInvalidation.Domain(did));
            case 3:
                return Option.some(new ContextInvalidation.Device(
                        new SourceId((int) (command >>> 16 & 0xFFFF)), (int) (command >>> 32 & 3)));
            default:
                return Option.none();
        }
    }

    /**
     * IIRG (61:60): 1 global, 2 domain (DID 47:32), 3 page (DID, IVA.ADDR, IVA.AM, IVA.IH); 0 is reserved, and a
     * page-selective request with AM above CAP.MAMV is not performed.
     */
    private static Option<IotlbInvalidation> iotlbGranularity(long command, long iva, int maxAddressMask) {
        int did = (int) (command >>> 32 & 0xFFFF);
        int addressMask = (int) (iva & 0x3F);
        switch ((int) (command >>> 60 & 3)) {
            case 1:
                return Option.some(new IotlbInvalidation.Global());
            case 2:
                return Option.some(new IotlbInvalidation.Domain(did));
            case 3:
                return addressMask > maxAddressMask ? Option.none()
                        : Option.some(IotlbInvalidation.Page.aligned(did, iva & ~0xFFFL, addressMask,
                        (iva & 1 << 6) != 0));
            default:
                return Option.none();
        }
    }

    private static UnitState withRegisters(UnitState state, InvalidationRegisters registers) {
        return state.withRegisters(state.registers().withInvalidation(registers));
    }
}
