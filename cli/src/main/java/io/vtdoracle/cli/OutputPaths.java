package io.vtdoracle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, before any work, that an output file or directory can be written: it is not a directory (for a file) or
 * a regular file (for a directory), and its nearest existing ancestor is a writable directory. Nothing is created.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /** Why {@code file} cannot be written as a file, if it cannot. */
    static Optional<String> fileProblem(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of(file + " is a directory");
        }
        if (Files.exists(file)) {
            return Files.isWritable(file) ? Optional.empty() : Optional.of(file + " is not writable");
        }
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Optional.empty() : directoryProblem(parent);
    }

    /** Why {@code dir} cannot be used (or created) as a directory to write into, if it cannot. */
    static Optional<String> directoryProblem(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of("no part of " + dir + " exists");
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing.equals(dir.toAbsolutePath()) ? dir + " is not a directory"
                    : "cannot create " + dir + ": " + existing + " is not a directory");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of("cannot write into " + existing + ": not writable");
        }
        return Optional.empty();
    }
}
