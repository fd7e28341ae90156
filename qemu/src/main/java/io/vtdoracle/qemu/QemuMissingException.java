package io.vtdoracle.qemu;

/** qemu-system-x86_64 is not installed (the message carries the hint {@code apt-get install qemu-system-x86}). */
public final class QemuMissingException extends RuntimeException {
    public QemuMissingException(String message) {
        super(message);
    }
}
