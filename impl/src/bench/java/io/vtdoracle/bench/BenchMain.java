package io.vtdoracle.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every benchmark on the model and the implementation in one JMH run and prints the ratios the
 * implementation issue asks for, with medians and errors. {@code --quick} runs fewer iterations.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Options options = new OptionsBuilder()
                .include("io\\.vtdoracle\\.bench\\.(TranslationHit|TranslationMiss|Replay|PageInvalidation"
                        + "|DomainSwitch|FlatScan)\\.")
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx8g")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        print(index(new Runner(options).run()));
    }

    /** Results by "Benchmark[param,param]", each as its median in nanoseconds with its error. */
    private static Map<String, Measure> index(Collection<RunResult> results) {
        Map<String, Measure> byName = new TreeMap<>();
        for (RunResult run : results) {
            var params = run.getParams();
            String name = params.getBenchmark().replaceAll(".*\\.(\\w+)\\.\\w+$", "$1");
            StringBuilder key = new StringBuilder(name);
            for (String param : params.getParamsKeys()) {
                key.append(key.indexOf("[") < 0 ? "[" : ",").append(params.getParam(param));
            }
            if (key.indexOf("[") >= 0) {
                key.append(']');
            }
            Result<?> primary = run.getPrimaryResult();
            double scale = nanosPer(primary.getScoreUnit());
            Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
            byName.put(key.toString(), new Measure(primary.getStatistics().getPercentile(50) * scale,
                    primary.getScoreError() * scale, allocation == null ? Double.NaN : allocation.getScore()));
        }
        return byName;
    }

    /** Nanoseconds in one JMH score unit ("ns/op", "us/op", "ms/op", "s/op"). */
    static double nanosPer(String unit) {
        if (unit.startsWith("ns")) {
            return 1;
        } else if (unit.startsWith("us")) {
            return 1e3;
        } else if (unit.startsWith("ms")) {
            return 1e6;
        } else if (unit.startsWith("s/")) {
            return 1e9;
        }
        throw new IllegalStateException("unexpected JMH score unit " + unit);
    }

    private static void print(Map<String, Measure> results) {
        System.out.println();
        System.out.println("| measurement | model (median ± error) | impl (median ± error) | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        ratio(results, "1. IOTLB hit, 4K", "TranslationHit[4K,model]", "TranslationHit[4K,impl]", ">= 20x");
        ratio(results, "1. IOTLB hit, 2M", "TranslationHit[2M,model]", "TranslationHit[2M,impl]", ">= 20x");
        ratio(results, "1. IOTLB hit, 4K, through apply()", "TranslationHit[4K,model]",
                "TranslationHit[4K,impl-api]", "(informative)");
        ratio(results, "2. IOTLB miss, 4-level walk", "TranslationMiss[model]", "TranslationMiss[impl]", ">= 10x");
        ratio(results, "3. replay, 262,144 leaves", "Replay[model]", "Replay[impl]", ">= 10x");
        ratio(results, "4. PSI of one page, two listeners", "PageInvalidation[model]", "PageInvalidation[impl]",
                "(see below)");

        System.out.println();
        System.out.println("| implementation | numerator | denominator | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        within(results, "replay (3) / PSI (4)", "Replay[impl]", "PageInvalidation[impl]", ">= 1000x");
        within(results, "replay (3) / flat scan of 262,144 words", "Replay[impl]", "FlatScan", "<= 10x");
        within(results, "replay (3), a sink reading every field / flat scan", "Replay[impl-fields]", "FlatScan",
                "<= 10x");
        Measure domainSwitch = results.get("DomainSwitch[impl]");
        if (domainSwitch != null) {
            System.out.printf(Locale.ROOT, "%n5. domain switch between two 1 GiB domains sharing half: %s a switch, "
                    + "%d events (only the changed half: checked)%n", domainSwitch, DomainSwitch.EXPECTED_EVENTS);
        }
        System.out.println();
        for (String hit : new String[] {"TranslationHit[4K,impl]", "TranslationHit[2M,impl]",
                "TranslationHit[4K,impl-api]"}) {
            Measure measure = results.get(hit);
            if (measure != null) {
                System.out.printf(Locale.ROOT, "allocation of %s: %.3f B/op%n", hit, measure.bytesPerOp);
            }
        }
    }

    private static void ratio(Map<String, Measure> results, String label, String model, String impl, String target) {
        Measure slow = results.get(model);
        Measure fast = results.get(impl);
        if (slow == null || fast == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1fx | %s |%n", label, slow, fast,
                slow.nanos / fast.nanos, target);
    }

    private static void within(Map<String, Measure> results, String label, String numerator, String denominator,
                               String target) {
        Measure top = results.get(numerator);
        Measure bottom = results.get(denominator);
        if (top == null || bottom == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1fx | %s |%n", label, top, bottom,
                top.nanos / bottom.nanos, target);
    }

    /** A median time per operation in nanoseconds, its error, and the bytes allocated per operation. */
    private record Measure(double nanos, double error, double bytesPerOp) {
        @Override
        public String toString() {
            return human(nanos) + " ± " + human(error);
        }

    }

    /** A time in nanoseconds in the unit that reads best: ns, µs or ms. */
    static String human(double nanos) {
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        } else if (nanos >= 1e3) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }
}
