package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Encoding;
import io.vtdoracle.guest.GuestDriver;
import io.vtdoracle.guest.Registers;

/**
 * The invalidation queue Linux sets up on a unit with ECAP.SMTS (dmar_enable_qi, qi_submit_sync): two pages of
 * 256 descriptors of 256 bits (IQA.DW = 1, QS = 1), the tail written as a byte offset (§10.4.22, §10.4.23,
 * contract §9.8). A 128-bit descriptor goes in the low half of its slot; the high half stays zero (reserved).
 */
final class ScalableQueue {

    /** IQA.DW: 256-bit descriptors. */
    static final long DW = 1L << 11;
    private static final int ENTRIES = 256;
    private static final int SLOT = 32;

    private final GuestDriver driver;
    private long base = -1;
    private long statusPage = -1;
    private int tail;

    ScalableQueue(GuestDriver driver) {
        this.driver = driver;
    }

    /** Allocates the queue and the status page, sets IQT to 0 and IQA (DW = 1, QS = 1), without enabling it. */
    void prepare() {
        base = driver.allocatePages(2);
        statusPage = driver.allocatePage();
        tail = 0;
        driver.writeRegister(Registers.IQT, 8, 0);
        driver.writeRegister(Registers.IQA, 8, base | DW | 1);
    }

    /** Writes {@code descriptor} (2 or 4 qwords) at the tail, zero where it is shorter, and moves the tail past it. */
    void submit(long[] descriptor) {
        long slot = address(tail);
        for (int q = 0; q < SLOT / 8; q++) {
            long value = q < descriptor.length ? descriptor[q] : 0;
            if (q < 2 || driver.readWord(slot + 8L * q) != value) {
                driver.writeWord(slot + 8L * q, value);
            }
        }
        tail = (tail + 1) % ENTRIES;
        driver.writeRegister(Registers.IQT, 8, (long) tail * SLOT);
    }

    /** Submits {@code descriptor} followed by a wait descriptor writing {@code 1} to the status page. */
    void submitAndWait(long[] descriptor) {
        submit(descriptor);
        submit(Encoding.invalidationWait(true, false, false, 1, statusPage));
    }

    /**
     * Linux's recovery from a queue error (qi_check_fault): the descriptor at {@code slot} overwritten by a fence
     * (its high half cleared), FSTS.IQE cleared and the tail written again.
     */
    void recover(int slot) {
        repair(slot);
        resume();
    }

    /** The descriptor at {@code slot} overwritten by a fence, its high half cleared. */
    void repair(int slot) {
        long[] fence = Encoding.invalidationWait(false, false, false, 0, 0);
        long at = address(slot);
        driver.writeWord(at, fence[0]);
        driver.writeWord(at + 8, fence[1]);
        for (int q = 2; q < SLOT / 8; q++) {
            if (driver.readWord(at + 8L * q) != 0) {
                driver.writeWord(at + 8L * q, 0);
            }
        }
    }

    /** FSTS.IQE cleared and the tail written again. */
    void resume() {
        driver.writeRegister(Registers.FSTS, 4, Registers.IQE);
        driver.writeRegister(Registers.IQT, 8, (long) tail * SLOT);
    }

    private long address(int slot) {
        return base + (long) SLOT * slot;
    }

    long base() {
        return base;
    }

    long statusPage() {
        return statusPage;
    }

    int tail() {
        return tail;
    }
}
