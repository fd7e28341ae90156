package io.vtdoracle.qemu;

import io.vtdoracle.api.Event;
import io.vtdoracle.api.Operation;
import io.vtdoracle.api.Outcome;
import io.vtdoracle.api.Result;
import io.vtdoracle.qemu.Observation.Hidden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Projects an outcome to what QEMU shows of it, so that a model outcome and a QEMU observation can be compared
 * with {@code equals}: the parts an observation hides are dropped from both, and so are events QEMU has no way
 * to show (listener notifications, address-space switches).
 *
 * <p>One difference is masked rather than reported: QEMU 7.2 fills FRCD's PASID value field (bits 123:104, high
 * qword bits 59:40) with 0xFFFF for requests without PASID, where the model reads 0; the field is defined only
 * when PP (bit 95) is set (§10.4.14), so both sides drop it while PP = 0. docs/qemu-conformance.md lists it.
 */
public final class Projection {

    /** FRCD's high qword offset for the only fault recording register of QEMU (NFR = 0). */
    static final int FRCD_HIGH = 0x228;
    private static final long PV_MASK_QWORD = 0xF_FFFFL << 40;
    private static final long PV_MASK_DWORD = 0xF_FFFFL << 8;

    private Projection() {
    }

    /** Whether {@code model}, as QEMU would show it, is what the observation shows. */
    public static boolean matches(Outcome model, Observation observed) {
        return project(observed.operation(), model, observed.hidden()).equals(show(observed));
    }

    /** The observation's projection. */
    public static String show(Observation observed) {
        return project(observed.operation(), observed.outcome(), observed.hidden());
    }

    /** An outcome of {@code operation} as an observation hiding {@code hidden} shows it. */
    public static String project(Operation operation, Outcome outcome, Set<Hidden> hidden) {
        StringBuilder text = new StringBuilder(result(operation, outcome.result(), hidden));
        List<String> events = new ArrayList<>();
        for (Event event : outcome.events()) {
            String shown = event(event, hidden);
            if (shown != null) {
                events.add(shown);
            }
        }
        if (!events.isEmpty()) {
            text.append(' ').append(events);
        }
        return text.toString();
    }

    private static String result(Operation operation, Result result, Set<Hidden> hidden) {
        if (hidden.contains(Hidden.WRITE_RESULT)
                && (operation instanceof Operation.WriteRegister || operation instanceof Operation.WriteMemory)) {
            return "written";
        }
        if (hidden.contains(Hidden.IGNORED_READ_VALUE) && operation instanceof Operation.ReadRegister) {
            return "ignored read";
        }
        if (result instanceof Result.Value) {
            long value = ((Result.Value) result).value();
            if (operation instanceof Operation.ReadRegister) {
                value = maskPasidValue((Operation.ReadRegister) operation, value);
            }
            return String.format(Locale.ROOT, "value 0x%x", value);
        }
        if (result instanceof Result.Translated) {
            Result.Translated translated = (Result.Translated) result;
            return hidden.contains(Hidden.PERMISSION)
                    ? String.format(Locale.ROOT, "translated 0x%x mask 0x%x", translated.address(),
                            translated.pageMask())
                    : translated.toString();
        }
        if (result instanceof Result.DmaFault) {
            return hidden.contains(Hidden.FAULT_REASON) ? "dma fault" : result.toString();
        }
        if (result instanceof Result.InterruptFault) {
            return hidden.contains(Hidden.FAULT_REASON) ? "interrupt fault" : result.toString();
        }
        return String.valueOf(result);
    }

    private static long maskPasidValue(Operation.ReadRegister read, long value) {
        if (read.offset() == FRCD_HIGH && read.size() == 8 && (value & (1L << 31)) == 0) {
            return value & ~PV_MASK_QWORD;
        }
        if (read.offset() == FRCD_HIGH + 4 && read.size() == 4) {
            return value & ~PV_MASK_DWORD; // PP is in the other dword: drop PV whatever it says
        }
        return value;
    }

    private static String event(Event event, Set<Hidden> hidden) {
        if (event instanceof Event.FaultRecorded || event instanceof Event.StatusWritten) {
            return event.toString();
        }
        if (event instanceof Event.InterruptRaised) {
            Event.InterruptRaised raised = (Event.InterruptRaised) event;
            return hidden.contains(Hidden.INTERRUPT_SOURCE)
                    ? String.format(Locale.ROOT, "interrupt addr 0x%x data 0x%x", raised.address(), raised.data())
                    : raised.toString();
        }
        return hidden.contains(Hidden.LISTENER_EVENTS) ? null : event.toString();
    }
}
