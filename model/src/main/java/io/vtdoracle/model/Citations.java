package io.vtdoracle.model;

import io.vavr.collection.List;
import io.vtdoracle.api.Event;
import io.vtdoracle.api.FaultReason;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Result;

/**
 * The specification section of the rule that decided each alternative, as data: by the fault reason, the result
 * and the register an operation touches. Behaviours the specification leaves to this project's contract (guest
 * memory, listeners) name the contract's section (docs/semantics.md).
 */
final class Citations {

    private Citations() {
    }

    /** The alternatives of a step in {@code state}, each naming the sections of its rule after its own. */
    static List<Alternative> cite(UnitState state, Operation operation, List<Alternative> alternatives) {
        return alternatives.map(alternative -> alternative.citing(of(state, operation, alternative)));
    }

    private static List<String> of(UnitState state, Operation operation, Alternative alternative) {
        Result result = alternative.outcome().result();
        List<String> recorded = List.ofAll(alternative.outcome().events())
                .exists(event -> event instanceof Event.FaultRecorded) ? List.of("§7.2.1") : List.empty();
        if (result instanceof Result.DmaFault fault) {
            return ofFault(fault.reason()).appendAll(recorded);
        } else if (result instanceof Result.InterruptFault fault) {
            return ofFault(fault.reason()).appendAll(recorded);
        } else if (result instanceof Result.Translated) {
            // §10.4.5 TES = 0: untranslated; otherwise the context entry (§9.3) and the second-level walk (§3.7),
            // or in scalable mode the context entry (§9.4) and the PASID-table entry (§9.6) of RID_PASID (§3.4.3).
            if (!state.registers().translationEnabled()) {
                return List.of("§10.4.5");
            }
            return scalable(state) ? List.of("§3.4.3", "§9.4", "§9.6") : List.of("§3.7", "§9.3");
        } else if (result.equals(Result.BLOCKED)) {
            return List.of("§3.14");
        } else if (result instanceof Result.InterruptForwarded) {
            return state.registers().interruptRemappingEnabled() ? List.of("§5.1.2", "§9.10") : List.of("§5.1");
        } else if (result instanceof Result.Ignored ignored
                && ignored.reason() == Result.IgnoreReason.BAD_REGISTER_ACCESS) {
            return List.of("§10.2", "contract §2");
        }
        return ofOperation(operation);
    }

    private static boolean scalable(UnitState state) {
        return state.capabilities().scalableMode().supported() && state.registers().translationTableMode() != 0;
    }

    private static List<String> ofOperation(Operation operation) {
        if (operation instanceof Operation.WriteRegister write) {
            return List.of(ofRegister(write.offset()));
        } else if (operation instanceof Operation.ReadRegister read) {
            return List.of(ofRegister(read.offset()));
        } else if (operation instanceof Operation.WriteMemory || operation instanceof Operation.ReadMemory) {
            return List.of("contract §1");
        }
        return List.of("contract §7");
    }

    /** §7.1.3 (DMA) and §5.1.4.1 (interrupts) list the fault conditions; the structure's own section follows. */
    static List<String> ofFault(FaultReason reason) {
        if (reason.isScalableMode()) {
            return ofScalableFault(reason.code());
        }
        switch (reason) {
            case ROOT_ENTRY_NOT_PRESENT:
            case ROOT_TABLE_ACCESS_ERROR:
            case ROOT_ENTRY_RESERVED:
                return List.of("§7.1.3", "§9.1");
            case CONTEXT_ENTRY_NOT_PRESENT:
            case CONTEXT_ENTRY_INVALID:
            case CONTEXT_TABLE_ACCESS_ERROR:
            case CONTEXT_ENTRY_RESERVED:
            case CONTEXT_ENTRY_TRANSLATION_TYPE:
                return List.of("§7.1.3", "§9.3");
            case ADDRESS_BEYOND_MGAW:
                return List.of("§7.1.3", "§3.7");
            case WRITE_NOT_PERMITTED:
            case READ_NOT_PERMITTED:
            case PAGING_ENTRY_ACCESS_ERROR:
            case PAGING_ENTRY_RESERVED:
                return List.of("§7.1.3", "§3.7", "§9.8");
            case INTERRUPT_ADDRESS:
                return List.of("§7.1.3", "§3.14");
            case IR_REQUEST_RESERVED:
            case IR_INDEX_BEYOND_TABLE:
            case IR_COMPATIBILITY_BLOCKED:
                return List.of("§5.1.4.1", "§5.1.2");
            default:
                return List.of("§5.1.4.1", "§9.10");
        }
    }

    /**
     * Scalable mode: §7.1.3 and the structure the reason's group names: RTADDR (§10.4.6), the scalable-mode root
     * entry (§9.2), context entry (§9.4), PASID directory entry (§9.5), PASID-table entry (§9.6), first-stage
     * (§3.6, §9.7) or second-stage entries (§3.7, §9.8); the general SGN reasons cite the translation (§3.6, §3.7).
     */
    private static List<String> ofScalableFault(int code) {
        if (code < 0x38) {
            return List.of("§7.1.3", "§10.4.6");
        } else if (code < 0x40) {
            return List.of("§7.1.3", "§9.2");
        } else if (code < 0x50) {
            return List.of("§7.1.3", "§9.4");
        } else if (code < 0x58) {
            return List.of("§7.1.3", "§9.5");
        } else if (code < 0x70) {
            return List.of("§7.1.3", "§9.6");
        } else if (code < 0x78 || code >= 0x90) {
            return List.of("§7.1.3", "§3.6", "§9.7");
        } else if (code < 0x80) {
            return List.of("§7.1.3", "§3.7", "§9.8");
        }
        return List.of("§7.1.3", "§3.6", "§3.7");
    }

    /** The register's section of §10.4, by the dword an access starts at. */
    static String ofRegister(int offset) {
        if (offset >= 0x220) {
            return "§10.4.14";
        }
        switch (offset) {
            case 0x00: case 0x04: return "§10.4.1";
            case 0x08: case 0x0C: return "§10.4.2";
            case 0x10: case 0x14: return "§10.4.3";
            case 0x18: return "§10.4.4";
            case 0x1C: return "§10.4.5";
            case 0x20: case 0x24: return "§10.4.6";
            case 0x28: case 0x2C: return "§10.4.7";
            case 0x34: return "§10.4.9";
            case 0x38: return "§10.4.10";
            case 0x3C: return "§10.4.11";
            case 0x40: return "§10.4.12";
            case 0x44: return "§10.4.13";
            case 0x80: case 0x84: return "§10.4.20";
            case 0x88: case 0x8C: return "§10.4.21";
            case 0x90: case 0x94: return "§10.4.22";
            case 0x9C: return "§10.4.24";
            case 0xA0: return "§10.4.25";
            case 0xA4: return "§10.4.26";
            case 0xA8: return "§10.4.27";
            case 0xAC: return "§10.4.28";
            case 0xB8: case 0xBC: return "§10.4.29";
            case 0xF0: case 0xF4: case 0xF8: case 0xFC: return "§10.4.8";
            default: return "§10.4";
        }
    }
}
