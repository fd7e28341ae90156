package io.vtdoracle.model.invalidation;

import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;

/** Decoding of 128-bit invalidation descriptors in legacy mode (§6.5.2, contract §6.2). */
final class Descriptors {

    private Descriptors() {
    }

    /**
     * The descriptor with this low and high qword, or none if it is invalid: type bits 11:9 set, a type legacy
     * mode does not define (0, 6, 7 and above), device-TLB without ECAP.DT, a reserved bit or a bad field.
     */
    static Option<Descriptor> decode(long low, long high, Capabilities capabilities) {
        if ((low & 0xE00) != 0) {
            return Option.none();
        }
        switch ((int) (low & 0xF)) {
            case 1:
                return ContextCacheDescriptor.decode(low, high);
            case 2:
                return IotlbDescriptor.decode(low, high, capabilities.maxAddressMaskValue());
            case 3:
                return capabilities.deviceTlb() ? DeviceTlbDescriptor.decode(low, high) : Option.none();
            case 4:
                return InterruptEntryCacheDescriptor.decode(low, high);
            case 5:
                return WaitDescriptor.decode(low, high);
            default:
                return Option.none();
        }
    }
}
