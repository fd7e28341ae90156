package io.vtdoracle.cli;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.check.Property;
import io.vtdoracle.check.ReplayFile;
import io.vtdoracle.oracle.Oracle;
import io.vtdoracle.protocol.TraceWriter;
import io.vtdoracle.protocol.Verdict;
import io.vtdoracle.properties.Suite;
import io.vtdoracle.properties.Suites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replay FILE}: re-runs a saved failing case exactly and prints its script. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-runs the failing case saved in a replay file (written by check or by the tests) against the"
                + " unit and capabilities it names, unless --unit, --unit-class, --unit-cmd or --capabilities say"
                + " otherwise.%n"
                + "Exit code 0: the case passes now; 1: it still fails; 2: bad arguments; 4: the unit does not"
                + " support the capabilities.")
final class ReplayCommand implements Callable<Integer> {

    private static final String MODEL_SUFFIX = " (model)";

    @Parameters(index = "0", paramLabel = "FILE", description = "the replay file")
    Path file;

    @Mixin
    UnitOptions unitOptions;

    @Mixin
    CapabilitiesOption capabilitiesOption;

    @Mixin
    RecordOption recordOption;

    @Option(names = "--strict", description = "judge refinement strictly, as check --strict does")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadArgument("replay file " + file + " does not exist");
        }
        ReplayFile saved;
        try {
            saved = ReplayFile.read(file);
        } catch (RuntimeException e) {
            throw new BadArgument("replay file " + file + " is not a replay file: " + e.getMessage());
        }
        String property = saved.property();
        boolean model = property.endsWith(MODEL_SUFFIX);
        String name = model ? property.substring(0, property.length() - MODEL_SUFFIX.length()) : property;
        Suite suite = Suites.named(name).orElseThrow(() -> new BadArgument("replay file " + file
                + " is for property '" + property + "', which this campaign does not have"));
        ReplayUnit recorded = ReplayUnit.of(file);
        Optional<Capabilities> pinned = capabilitiesOption.spec != null ? capabilitiesOption.pinned()
                : recorded.capabilities();
        Oracle.Judging judging = strict ? Oracle.Judging.STRICT : Oracle.Judging.DEFAULT;
        Optional<TraceWriter> trace = recordOption.open();
        try (UnitUnderTest unit = RecordOption.recorded(unitOptions.given() ? unitOptions.open()
                : UnitOptions.named(model ? "model" : recorded.unit()), trace)) {
            Optional<String> refused = Unsupported.probe(unit, pinned.orElse(Capabilities.DEFAULT));
            if (refused.isPresent()) {
                System.out.println(refused.get());
                return Verdict.UNSUPPORTED;
            }
            Property replaying = suite.property(model ? MODEL_SUFFIX : "", false).replaying(file);
            if (pinned.isPresent()) {
                suite.check(replaying, unit.factory(), pinned.get(), judging);
            } else {
                suite.check(replaying, unit.factory(), judging);
            }
            System.out.println("replayed " + file + " (" + property + ") against " + unit.name()
                    + ": the case passes now");
            return Main.PASSED;
        } catch (AssertionError failure) {
            System.out.println(failure.getMessage());
            return Main.FAILED;
        } catch (IllegalStateException stale) {
            throw new BadArgument(stale.getMessage());
        } finally {
            if (trace.isPresent()) {
                trace.get().close();
            }
        }
    }
}
