package io.vtdoracle.cli;

import io.vtdoracle.check.Falsification;
import java.nio.file.Path;

/**
 * How to re-run a failure with this command line: the campaign's {@code check} command (its seed, budget and shard)
 * restricted to the failing property, and {@code replay FILE}.
 */
final class CliRerun implements Falsification.Rerun {

    static final String LAUNCHER = "./vtd-oracle";

    private final String check;

    /** {@code check} is the campaign's command without {@code --suite}, or null when there is no search to repeat. */
    CliRerun(String check) {
        this.check = check;
    }

    @Override
    public String search(Falsification f) {
        return check == null ? null : check + " --suite " + suiteOf(f.property());
    }

    @Override
    public String replay(Path file) {
        return LAUNCHER + " replay " + file.toAbsolutePath();
    }

    private static String suiteOf(String property) {
        int space = property.indexOf(' ');
        return space < 0 ? property : property.substring(0, space);
    }
}
