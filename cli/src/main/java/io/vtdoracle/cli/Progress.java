package io.vtdoracle.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a campaign: a progress bar on a terminal, plain lines otherwise (CI logs). */
interface Progress extends AutoCloseable {

    /** {@code done} of {@code total} units (cases, or seconds for a timed run); {@code what} just finished. */
    void update(long done, long total, String what);

    @Override
    void close();

    /** A bar when {@code out} is an interactive terminal and not CI, lines otherwise. */
    static Progress forTerminal(PrintStream out, String task, long total) {
        boolean terminal = System.console() != null && System.getenv("CI") == null
                && !"dumb".equals(System.getenv("TERM"));
        return terminal ? new Bar(task, total) : new Lines(out);
    }

    /** A progress bar (me.tongfei.progressbar) on standard error. */
    final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).continuousUpdate().build();
        }

        @Override
        public void update(long done, long total, String what) {
            bar.maxHint(total);
            bar.stepTo(Math.min(done, total));
            bar.setExtraMessage(what);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One plain line per finished batch. */
    final class Lines implements Progress {
        private final PrintStream out;
        private final long start = System.nanoTime();

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(long done, long total, String what) {
            out.printf(java.util.Locale.ROOT, "[%7.1fs] %d/%d %s%n", (System.nanoTime() - start) / 1e9, done, total,
                    what);
            out.flush();
        }

        @Override
        public void close() {
        }
    }
}
