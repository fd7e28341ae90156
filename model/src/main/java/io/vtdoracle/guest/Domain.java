package io.vtdoracle.guest;

/** A guest driver's DMA domain: its domain-id and the top-level second-level table it built. */
public record Domain(int did, int levels, long table) {
}
