package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay file replays only when it is whole, unchanged, of this format and of this generator. */
class ReplayFileTest {

    private static final ReplayFile CASE = new ReplayFile("p", "gen 1", 42, "key",
            ChoiceSequence.of(3, 1, 1, 1, 4, 0, 7, 7, 7, 7, 7, 7, 7, 7, 7));

    @Test
    void aWrittenFileReadsBackEqual(@TempDir Path dir) {
        Path file = CASE.write(dir);
        assertThat(ReplayFile.read(file)).isEqualTo(CASE);
        assertThat(file.getFileName()).hasToString("p.txt");
    }

    @Test
    void aFileCutToTwoThirdsIsTruncated(@TempDir Path dir) throws Exception {
        Path file = CASE.write(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> ReplayFile.read(file)).isInstanceOf(InvalidReplayFile.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aCutChoicesLineIsTruncated(@TempDir Path dir) throws Exception {
        Path file = CASE.write(dir);
        Files.writeString(file, Files.readString(file).replace("7 7 7 7 7 7 7 7 7", "7"));
        assertThatThrownBy(() -> ReplayFile.read(file)).isInstanceOf(InvalidReplayFile.class)
                .hasMessageContaining("line 8, field choices: holds 7 choices where count= says 15");
    }

    @Test
    void aChangedChoiceFailsTheChecksum(@TempDir Path dir) throws Exception {
        Path file = CASE.write(dir);
        Files.writeString(file, Files.readString(file).replace("choices=3 1", "choices=3 2"));
        assertThatThrownBy(() -> ReplayFile.read(file)).isInstanceOf(InvalidReplayFile.class)
                .hasMessageContaining("field checksum").hasMessageContaining("changed or damaged");
    }

    @Test
    void anOutOfRangeNumberNamesItsLineAndField(@TempDir Path dir) throws Exception {
        Path file = CASE.write(dir);
        Files.writeString(file, Files.readString(file).replace("seed=42", "seed=99999999999999999999"));
        assertThatThrownBy(() -> ReplayFile.read(file))
                .hasMessageContaining("line 5, field seed: '99999999999999999999' is not a 64-bit integer");
        Files.writeString(file, Files.readString(file).replace("seed=99999999999999999999", "seed=42")
                .replace("choices=3 1", "choices=3 18446744073709551616"));
        assertThatThrownBy(() -> ReplayFile.read(file)).hasMessageContaining(
                "line 8, field choices, choice 2: '18446744073709551616' is not an unsigned 64-bit number");
    }

    @Test
    void anOldOrForeignFileIsRefused(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.txt");
        Files.writeString(old, "property=p\nseed=1\nchoices=0\n");
        assertThatThrownBy(() -> ReplayFile.read(old)).hasMessageContaining("has no format= line");
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "format=vtd-oracle-replay 9\n");
        assertThatThrownBy(() -> ReplayFile.read(other)).hasMessageContaining("line 1, field format");
        Path text = dir.resolve("notes.txt");
        Files.write(text, List.of("hello world"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReplayFile.read(text)).hasMessageContaining("line 1: 'hello world' is not a field");
    }

    @Test
    void aDirectoryIsSaidToBeOne(@TempDir Path dir) {
        CASE.write(dir);
        assertThatThrownBy(() -> ReplayFile.read(dir)).isInstanceOf(InvalidReplayFile.class)
                .hasMessageContaining("is a directory").hasMessageContaining("p.txt");
    }

    @Test
    void anotherGeneratorsFileIsRefusedByTheProperty(@TempDir Path dir) {
        Path file = CASE.write(dir);
        assertThatThrownBy(() -> Property.named("p").generator("gen 2").replaying(file)
                .forAll(Gens.ints()).check(x -> true)).isInstanceOf(InvalidReplayFile.class)
                .hasMessageContaining("generator 'gen 1'").hasMessageContaining("'gen 2'");
    }

    @Test
    void anUnwritableFailureDirKeepsTheCounterexample(@TempDir Path dir) throws Exception {
        Path regular = Files.writeString(dir.resolve("file"), "");
        PropertyFalsified failed = catchThrowableOfType(PropertyFalsified.class,
                () -> Property.named("no sevens").seed(3).tries(1000).failureDir(regular.resolve("sub"))
                        .ignoreSystemProperties().forAll(ReplayTest.GEN).check(xs -> !xs.contains(7)));
        Falsification f = failed.falsification();
        assertThat(f.script()).containsExactly("[7]");
        assertThat(f.savedFile()).isEmpty();
        assertThat(f.unsaved()).contains("cannot write replay file");
        assertThat(failed.getMessage()).contains("Minimal counterexample:\n  [7]\n", "Replay file NOT saved");
    }
}
