package io.vtdoracle.guest;

/** How a guest driver invalidates: through the command registers or the invalidation queue. */
public enum InvalidationPath {
    REGISTER,
    QUEUE
}
