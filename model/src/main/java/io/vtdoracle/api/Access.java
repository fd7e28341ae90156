package io.vtdoracle.api;

/** The kind of a DMA request: a read or a write of memory. */
public enum Access {
    READ,
    WRITE
}
