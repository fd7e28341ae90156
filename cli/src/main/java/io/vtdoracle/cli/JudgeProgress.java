package io.vtdoracle.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a judge run over a trace file, in bytes: a bar on standard error for a file on a terminal. */
final class JudgeProgress {

    private JudgeProgress() {
    }

    /** A bar when standard error is a terminal and the trace is a file, silence otherwise. */
    static Progress open(long bytes) {
        boolean terminal = System.console() != null && System.getenv("CI") == null
                && !"dumb".equals(System.getenv("TERM"));
        if (!terminal || bytes == 0) {
            return new Silent();
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("judge").setInitialMax(bytes)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" MiB", 1 << 20).build();
        return new Progress() {
            @Override
            public void update(long done, long total, String what) {
                bar.stepTo(Math.min(done, total));
                bar.setExtraMessage(what);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    private static final class Silent implements Progress {
        @Override
        public void update(long done, long total, String what) {
        }

        @Override
        public void close() {
        }
    }
}
