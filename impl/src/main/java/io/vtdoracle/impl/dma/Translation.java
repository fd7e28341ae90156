package io.vtdoracle.impl.dma;

import io.vtdoracle.api.Operation;
import io.vtdoracle.impl.table.SlPte;

/** The result of the last successful translation (address, page mask, R/W rights), and the checks that end one. */
final class Translation {

    static final long PAGE_MASK_4K = 0xFFF;

    long address;
    long pageMask;
    int rights;

    /**
     * The checks after a leaf, fresh or cached (contract §3 steps 7–9, §9.5): the rights must allow the access and the
     * output must lie outside the interrupt window. Returns {@link DmaRemapper#TRANSLATED} (the result stored) or
     * the fault code.
     */
    int complete(long requestAddress, boolean write, long base, int leafRights, long mask, WalkFaults faults) {
        if ((leafRights & (write ? SlPte.WRITE : SlPte.READ)) == 0) {
            return write ? faults.writeDenied : faults.readDenied;
        }
        long translated = base | (requestAddress & mask);
        if (Operation.inInterruptWindow(translated)) {
            return faults.interruptAddress;
        }
        return set(translated, mask, leafRights);
    }

    /** The identity translation of a 4 KiB page with read and write. */
    int identity(long requestAddress) {
        return set(requestAddress, PAGE_MASK_4K, SlPte.READ | SlPte.WRITE);
    }

    int set(long translated, long mask, int leafRights) {
        address = translated;
        pageMask = mask;
        rights = leafRights;
        return DmaRemapper.TRANSLATED;
    }
}
