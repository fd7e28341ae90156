package io.vtdoracle.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bounded queue with a planted wrap-around bug, checked against a list model. */
class StatefulQueueTest {

    /** Commands of the queue. */
    sealed interface Cmd {
    }

    record Offer(int value) implements Cmd {
        @Override
        public String toString() {
            return "offer(" + value + ")";
        }
    }

    record Poll() implements Cmd {
        @Override
        public String toString() {
            return "poll()";
        }
    }

    /** A ring buffer of fixed capacity; if {@code buggy}, the tail wraps to 1 instead of 0. */
    static final class RingBuffer {
        private final int[] buffer;
        private final boolean buggy;
        private int head;
        private int tail;
        private int count;

        RingBuffer(int capacity, boolean buggy) {
            this.buffer = new int[capacity];
            this.buggy = buggy;
        }

        boolean offer(int value) {
            if (count == buffer.length) {
                return false;
            }
            buffer[tail] = value;
            tail = tail + 1 == buffer.length ? (buggy ? 1 : 0) : tail + 1;
            count++;
            return true;
        }

        int poll() {
            int value = buffer[head];
            head = (head + 1) % buffer.length;
            count--;
            return value;
        }

        int size() {
            return count;
        }
    }

    /** The queue against an immutable list model. */
    static final class QueueMachine implements StateMachine<List<Integer>, RingBuffer, Cmd> {
        static final int CAPACITY = 2;
        private final boolean buggy;

        QueueMachine(boolean buggy) {
            this.buggy = buggy;
        }

        @Override
        public List<Integer> initialModel() {
            return List.of();
        }

        @Override
        public RingBuffer newSystem() {
            return new RingBuffer(CAPACITY, buggy);
        }

        @Override
        public Gen<Cmd> commands(List<Integer> model) {
            Gen<Cmd> offer = Gens.ints(0, 9).map(Offer::new);
            Gen<Cmd> poll = Gens.constant(new Poll());
            // state-dependent generation: never poll an empty queue, poll more when it is full;
            // the alternatives keep their indices, so a shrunk case stays readable
            return Gens.frequency(
                    Gens.weighted(model.size() == CAPACITY ? 1 : 2, offer),
                    Gens.weighted(model.isEmpty() ? 0 : 2, poll));
        }

        @Override
        public boolean precondition(List<Integer> model, Cmd command) {
            return !(command instanceof Poll) || !model.isEmpty();
        }

        @Override
        public Step<List<Integer>> runModel(List<Integer> model, Cmd command) {
            if (command instanceof Offer offer) {
                if (model.size() == CAPACITY) {
                    return Step.of(model, false).label("offer when full");
                }
                List<Integer> next = new ArrayList<>(model);
                next.add(offer.value());
                return Step.of(List.copyOf(next), true).label("offer");
            }
            return Step.of(List.copyOf(model.subList(1, model.size())), model.get(0)).label("poll");
        }

        @Override
        public Object runSystem(RingBuffer system, Cmd command) {
            return command instanceof Offer offer ? (Object) system.offer(offer.value()) : system.poll();
        }

        @Override
        public Optional<String> invariant(List<Integer> model, RingBuffer system) {
            return model.size() == system.size()
                    ? Optional.empty()
                    : Optional.of("size " + system.size() + ", model " + model.size());
        }
    }

    static Property property(Path dir, long seed) {
        return Property.named("bounded queue").seed(seed).tries(500).steps(30).failureDir(dir)
                .ignoreSystemProperties();
    }

    /** The shortlex-smallest failing choices, as found by {@link #bruteForceMinimum()}. */
    static final String MINIMAL_CHOICES = "1 0 0 1 0 0 1 1 1 0 1 1 1";

    /**
     * Independent check of the expected minimum: the first failing sequence in shortlex order among
     * all sequences of choices 0 and 1 up to 13 long, each replayed exactly.
     */
    @Test
    void bruteForceMinimum() {
        TestBody body = new StatefulBody<>(new QueueMachine(true), 30);
        String found = null;
        for (int len = 1; len <= 13 && found == null; len++) {
            for (int bits = 0; bits < (1 << len) && found == null; bits++) {
                long[] choices = new long[len];
                for (int i = 0; i < len; i++) {
                    choices[i] = (bits >>> (len - 1 - i)) & 1;
                }
                Execution e = Execution.run(body, TestCase.replaying(choices, false, 100, false));
                if (e.status() == Status.INTERESTING && e.choices().length() == len) {
                    found = e.choices().toString();
                }
            }
        }
        assertThat(found).isEqualTo(MINIMAL_CHOICES);
    }

    @Test
    void theCorrectQueuePasses(@TempDir Path dir) {
        Report report = property(dir, 1).check(new QueueMachine(false));
        assertThat(report.validCases()).isEqualTo(500);
        assertThat(report.statistics().counts()).containsKeys("offer", "poll", "offer when full");
    }

    @Test
    void theBuggyQueueShrinksToTheMinimalScript(@TempDir Path dir) {
        for (long seed = 1; seed <= Long.getLong("vtd.queueSeeds", 5); seed++) {
            long s = seed;
            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> property(dir, s).check(new QueueMachine(true)));
            assertThat(error).as("seed %d", seed).isNotNull();
            assertThat(error.getMessage()).as("seed %d", seed).contains(String.join("\n",
                    "Minimal counterexample:",
                    "  1. offer(0)",
                    "  2. offer(0)",
                    "  3. poll()",
                    "  4. offer(1)",
                    "  5. poll()  <-- expected 0 but was 1",
                    "Failure: step 5. poll(): expected 0 but was 1",
                    "Seed: " + seed + "  (rerun the search: -Dvtd.seed=" + seed + ")",
                    "Replay: -Dvtd.replay=" + dir.resolve("bounded_queue.txt").toAbsolutePath()));
        }
    }

    @Test
    void theReplayFileReproducesTheScriptWithoutGeneration(@TempDir Path dir) {
        AssertionError first = catchThrowableOfType(AssertionError.class,
                () -> property(dir, 7).check(new QueueMachine(true)));
        Path file = dir.resolve("bounded_queue.txt");
        ReplayFile saved = ReplayFile.read(file);
        assertThat(saved.property()).isEqualTo("bounded queue");
        assertThat(saved.seed()).isEqualTo(7);
        assertThat(saved.failure()).isEqualTo("outcome mismatch on Poll");
        assertThat(saved.choices()).hasToString(MINIMAL_CHOICES);

        String script = first.getMessage().substring(0, first.getMessage().indexOf("Seed:"));
        // a different seed and no shrinking: the replay does not generate anything
        assertThatThrownBy(() -> property(dir, 99).maxShrinks(0).replaying(file)
                .check(new QueueMachine(true)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(script.substring(script.indexOf("Minimal counterexample:")))
                .hasMessageContaining("replayed exactly from " + file);
        // once the bug is fixed the same file passes
        Report fixed = property(dir, 99).replaying(file).check(new QueueMachine(false));
        assertThat(fixed.validCases()).isEqualTo(1);
    }
}
