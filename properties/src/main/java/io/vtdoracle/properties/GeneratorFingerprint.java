package io.vtdoracle.properties;

import io.vtdoracle.properties.generate.Move;
import io.vtdoracle.properties.lockstep.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * What a suite's replay files are bound to: the project version and a CRC-32 of the suite's generator settings
 * (profile weights and mistakes, checks, steps), e.g. {@code vtd-oracle 0.1.0 refinement/3f2a19c0}. A replay file of
 * another version or another profile would draw another case from the same choices, so it is refused.
 */
final class GeneratorFingerprint {

    private static final String VERSION = version();

    private GeneratorFingerprint() {
    }

    static String of(Suite suite) {
        StringBuilder settings = new StringBuilder();
        settings.append(suite.profile().name()).append(';').append(suite.profile().mistakes()).append(';');
        new TreeMap<Move, Double>(suite.profile().weights()).forEach((move, weight) ->
                settings.append(move).append('=').append(weight).append(','));
        settings.append(';').append(new TreeSet<Check>(suite.checks())).append(';').append(suite.steps());
        CRC32 crc = new CRC32();
        crc.update(settings.toString().getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "vtd-oracle %s %s/%08x", VERSION, suite.name(), crc.getValue());
    }

    private static String version() {
        try (InputStream in = GeneratorFingerprint.class.getResourceAsStream("version.txt")) {
            if (in == null) {
                throw new IllegalStateException("io/vtdoracle/properties/version.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
