package io.vtdoracle.api;

/**
 * The access rights of a translation or a listener notification, as accumulated from the R (bit 0) and W (bit 1)
 * fields of second-level paging entries (VT-d specification §9.8).
 */
public enum Permission {
    NONE(false, false),
    READ(true, false),
    WRITE(false, true),
    READ_WRITE(true, true);

    private final boolean read;
    private final boolean write;

    Permission(boolean read, boolean write) {
        this.read = read;
        this.write = write;
    }

    /** The permission with these two rights. */
    public static Permission of(boolean read, boolean write) {
        return read ? (write ? READ_WRITE : READ) : (write ? WRITE : NONE);
    }

    public boolean canRead() {
        return read;
    }

    public boolean canWrite() {
        return write;
    }

    /** Whether a request of this kind is allowed. */
    public boolean allows(Access access) {
        return access == Access.READ ? read : write;
    }

    /** The rights both this and the other permission grant. */
    public Permission and(Permission other) {
        return of(read && other.read, write && other.write);
    }
}
