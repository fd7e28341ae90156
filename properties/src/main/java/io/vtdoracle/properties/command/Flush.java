package io.vtdoracle.properties.command;

import io.vtdoracle.guest.InvalidationPath;

/** How a guest flushes after changing tables: the way Linux does (the view's path), another path, or not at all. */
public enum Flush {
    LINUX,
    /** The register path even with queued invalidation enabled (rejected by the unit, contract §6.1). */
    WRONG_PATH,
    /** The invalidation is forgotten. */
    FORGOTTEN;

    InvalidationPath path(GuestView view) {
        return this == WRONG_PATH ? InvalidationPath.REGISTER : view.path();
    }

    String describe() {
        return this == LINUX ? "" : this == WRONG_PATH ? " (register path)" : " (no flush)";
    }
}
