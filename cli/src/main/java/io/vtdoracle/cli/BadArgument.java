package io.vtdoracle.cli;

/** An argument that parsed but makes no sense (a missing file, an unknown property in a replay file). */
final class BadArgument extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
        super(message);
    }
}
