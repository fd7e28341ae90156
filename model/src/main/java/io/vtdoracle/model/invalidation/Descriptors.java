package io.vtdoracle.model.invalidation;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vtdoracle.api.Capabilities;

/** Decoding of invalidation descriptors, 128-bit or 256-bit, in legacy and scalable mode (§6.5.2, contract §9.8). */
final class Descriptors {

    private Descriptors() {
    }

    /**
     * The descriptor in these qwords (two, or four with IQA.DW = 1), or none if it is invalid: a 128-bit descriptor
     * in scalable mode, bits 255:128 set, type bits 11:9 set, a type the mode does not define (legacy: 0, 6 and
     * above; scalable: 0, 9 and above), a device-TLB type without ECAP.DT, a reserved bit or a bad field.
     */
    static Option<Descriptor> decode(List<Long> qwords, Capabilities capabilities, boolean scalableMode) {
        // §6.5.2: 128-bit descriptors are treated as invalid descriptors in scalable mode.
        if (scalableMode && qwords.size() == 2) {
            return Option.none();
        }
        // §6.5.2: bits 255:128 of a 256-bit descriptor are reserved for every type.
        if (qwords.drop(2).exists(qword -> qword != 0)) {
            return Option.none();
        }
        long low = qwords.get(0);
        long high = qwords.get(1);
        if ((low & 0xE00) != 0) {
            return Option.none();
        }
        int type = (int) (low & 0xF);
        return type <= 5 ? decodeCommon(type, low, high, capabilities)
                : scalableMode ? decodeScalable(type, low, high, capabilities) : Option.none();
    }

    /** Types 1–5, the same in both modes (§6.5.2.1, §6.5.2.3, §6.5.2.5, §6.5.2.7, §6.5.2.8). */
    private static Option<Descriptor> decodeCommon(int type, long low, long high, Capabilities capabilities) {
        switch (type) {
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

    /** Types 6–8, scalable mode only (§6.5.2.4, §6.5.2.2, §6.5.2.6). */
    private static Option<Descriptor> decodeScalable(int type, long low, long high, Capabilities capabilities) {
        switch (type) {
            case 6:
                return PasidIotlbDescriptor.decode(low, high, capabilities.maxAddressMaskValue());
            case 7:
                return PasidCacheDescriptor.decode(low, high);
            case 8:
                return capabilities.deviceTlb() ? PasidDeviceTlbDescriptor.decode(low, high) : Option.none();
            default:
                return Option.none();
        }
    }
}
