package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.check.InvalidReplayFile;
import io.vtdoracle.check.PropertyFalsified;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.ReplayFile;
import io.vtdoracle.protocol.TraceWriter;
import io.vtdoracle.protocol.Verdict;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.Suites;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay FILE}: re-runs a saved failing case exactly and prints its script. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-runs the failing case saved in a replay file (written by check or by the tests) against the"
                + " unit and capabilities it was found with (FILE.unit beside it), unless --unit, --unit-class,"
                + " --unit-cmd or --capabilities say otherwise.%n"
                + "Exit code 0: the case passes now; 1: it still fails; 2: bad arguments or a replay file that is"
                + " truncated, damaged or of another generator; 4: the unit does not support the capabilities.")
final class ReplayCommand implements Callable<Integer> {

    private static final String MODEL_SUFFIX = " (model)";

    @Parameters(index = "0", paramLabel = "FILE", description = "the replay file")
    Path file;

    @CommandLine.ParentCommand
    Main main;

    @Mixin
    UnitOptions unitOptions;

    @Mixin
    CapabilitiesOption capabilitiesOption;

    @Mixin
    RecordOption recordOption;

    @Option(names = "--strict", description = "judge refinement strictly, as check --strict does")
    boolean strict;

    @Override
    public Integer call() throws java.io.IOException {
        ReplayFile saved;
        try {
            saved = ReplayFile.read(file);
        } catch (InvalidReplayFile e) {
            throw new BadArgument(e.getMessage());
        }
        String property = saved.property();
        boolean model = property.endsWith(MODEL_SUFFIX);
        String name = model ? property.substring(0, property.length() - MODEL_SUFFIX.length()) : property;
        Suite suite = Suites.named(name).orElseThrow(() -> new BadArgument("replay file " + file
                + " is for property '" + property + "', which this campaign does not have"));
        ReplayUnit recorded = ReplayUnit.of(file);
        Optional<Capabilities> pinned = capabilitiesOption.spec != null ? capabilitiesOption.pinned()
                : recorded.capabilities();
        Optional<TraceWriter> trace = recordOption.open();
        try (UnitUnderTest unit = RecordOption.recorded(unitOptions.given() ? unitOptions.open(main.implementation)
                : UnitOptions.named(model ? "model" : recorded.unit(), main.implementation), trace)) {
            Optional<String> refused = Unsupported.probe(unit, pinned.orElse(Capabilities.DEFAULT));
            if (refused.isPresent()) {
                System.out.println(refused.get());
                return Verdict.UNSUPPORTED;
            }
            Property replaying = suite.property(model ? MODEL_SUFFIX : "", false).replaying(file);
            Oracle.Judging judging = strict ? Oracle.Judging.STRICT : Oracle.Judging.DEFAULT;
            if (pinned.isPresent()) {
                suite.check(replaying, unit.factory(), judging, pinned.get());
            } else {
                suite.check(replaying, unit.factory(), judging);
            }
            System.out.println("replayed " + file + " (" + property + ") against " + unit.name()
                    + ": the case passes now");
            return Main.PASSED;
        } catch (PropertyFalsified failure) {
            System.out.println(failure.falsification().text(new CliRerun()));
            return Main.FAILED;
        } catch (InvalidReplayFile | IllegalStateException stale) {
            throw new BadArgument(stale.getMessage());
        } finally {
            if (trace.isPresent()) {
                trace.get().close();
            }
        }
    }
}
