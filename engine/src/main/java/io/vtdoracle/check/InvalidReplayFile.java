package io.vtdoracle.check;

import java.nio.file.Path;

/**
 * A replay file that cannot be replayed: missing, a directory, truncated, corrupted, of another format, or written
 * by another generator. The message names the file and, where one is at fault, its line and field.
 */
public final class InvalidReplayFile extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@code file} cannot be replayed because of {@code reason}. */
    public InvalidReplayFile(Path file, String reason) {
        super("replay file " + file + ": " + reason);
    }
}
