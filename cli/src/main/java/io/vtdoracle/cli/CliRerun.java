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
    private final Long campaignSeed;

    /** For a case replayed from a file: there is no search to repeat. */
    CliRerun() {
        this(null, null);
    }

    /** {@code check}: the command of the campaign of {@code campaignSeed}, without {@code --suite}. */
    CliRerun(String check, Long campaignSeed) {
        this.check = check;
        this.campaignSeed = campaignSeed;
    }

    @Override
    public String seed(Falsification f) {
        return campaignSeed == null ? Long.toString(f.seed())
                : campaignSeed + " (the campaign's; its batch that failed has seed " + f.seed() + ")";
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
