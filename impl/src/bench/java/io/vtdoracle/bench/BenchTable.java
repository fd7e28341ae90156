package io.vtdoracle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the README's benchmark tables from JMH result files ({@code -rf json -rff FILE}): the cache scaling rows
 * (model and implementation side by side), the long trace tenth by tenth, the replay against the flat scan, and
 * scalable mode's first-stage translation (an IOTLB hit and a cold walk, model and implementation side by side).
 * Each figure is the median with JMH's error (the 99.9% confidence half-width of the mean), and, when the run had
 * {@link CpuTimeProfiler}, the median CPU time per operation of the benchmark's JVM (load-independent). Run by
 * {@code impl/bench-table}; {@code java -cp impl/target/vtd-bench.jar io.vtdoracle.bench.BenchTable FILE...}.
 */
public final class BenchTable {

    private static final String[] CACHED_PAGES = {"100", "1000", "10000", "100000"};

    private final Map<String, JsonNode> byName = new LinkedHashMap<>();

    private BenchTable() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: BenchTable JMH-JSON-FILE...");
            System.exit(2);
        }
        BenchTable table = new BenchTable();
        for (String file : args) {
            try {
                table.read(Path.of(file));
            } catch (IOException | RuntimeException e) {
                System.err.println(file + ": not a JMH JSON result file: " + e.getMessage());
                System.exit(1);
            }
        }
        table.printCacheScaling();
        table.printOracleScaling();
        table.printReplay();
        table.printFirstStage();
    }

    /** Indexes each result as "Benchmark.method[param=value,...]". */
    private void read(Path file) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Files.readString(file));
        if (results == null || !results.isArray()) {
            throw new IOException("expected an array of results");
        }
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1");
            StringBuilder key = new StringBuilder(benchmark).append('[');
            JsonNode params = result.get("params");
            if (params != null) {
                params.fields().forEachRemaining(param ->
                        key.append(param.getKey()).append('=').append(param.getValue().asText()).append(','));
            }
            byName.put(key.append(']').toString().replace(",]", "]"), result);
        }
    }

    private JsonNode find(String benchmark, String... params) {
        for (Map.Entry<String, JsonNode> entry : byName.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(benchmark + "[")) {
                continue;
            }
            boolean all = true;
            for (String param : params) {
                all &= key.contains("[" + param + "]") || key.contains("[" + param + ",")
                        || key.contains("," + param + "]") || key.contains("," + param + ",");
            }
            if (all) {
                return entry.getValue();
            }
        }
        return null;
    }

    private void printCacheScaling() {
        if (find("CacheScaling.hit") == null) {
            return;
        }
        System.out.println("| cached pages | hit: model | hit: impl | model/impl | miss: model | miss: impl | model/impl |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (String pages : CACHED_PAGES) {
            System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s |%n", Integer.parseInt(pages),
                    measure("CacheScaling.hit", "unit=model", "cachedPages=" + pages),
                    measure("CacheScaling.hit", "unit=impl", "cachedPages=" + pages),
                    ratio("CacheScaling.hit", "unit=model", "unit=impl", "cachedPages=" + pages),
                    measure("CacheScaling.miss", "unit=model", "cachedPages=" + pages),
                    measure("CacheScaling.miss", "unit=impl", "cachedPages=" + pages),
                    ratio("CacheScaling.miss", "unit=model", "unit=impl", "cachedPages=" + pages));
        }
        System.out.printf(Locale.ROOT, "| 100,000 / 100 | %s | %s | | %s | %s | |%n%n",
                growth("CacheScaling.hit", "unit=model"), growth("CacheScaling.hit", "unit=impl"),
                growth("CacheScaling.miss", "unit=model"), growth("CacheScaling.miss", "unit=impl"));
    }

    private void printOracleScaling() {
        JsonNode any = find("OracleScaling.tenth");
        if (any == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %,d steps over %,d pages, by tenth | time of a tenth | steps per second "
                        + "(median) | fastest..slowest tenth | speed of the last tenth / the second |%n",
                any.get("params").get("steps").asInt(), any.get("params").get("pages").asInt());
        System.out.println("|---|---:|---:|---:|---:|");
        oracleRow("model: the Oracle judges the implementation's outcomes", "unit=model");
        oracleRow("impl: the implementation applies the trace", "unit=impl");
        System.out.printf(Locale.ROOT, "| model/impl | %s | | | |%n%n",
                ratio("OracleScaling.tenth", "unit=model", "unit=impl"));
    }

    private void oracleRow(String label, String unit) {
        JsonNode result = find("OracleScaling.tenth", unit);
        if (result == null) {
            return;
        }
        double[] tenths = raw(result);
        double steps = result.get("params").get("steps").asDouble() / 10;
        double scale = BenchMain.nanosPer(result.get("primaryMetric").get("scoreUnit").asText()) / 1e9;
        double fastest = Double.MAX_VALUE;
        double slowest = 0;
        for (double tenth : tenths) {
            fastest = Math.min(fastest, tenth);
            slowest = Math.max(slowest, tenth);
        }
        System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s..%s | %.2f |%n", label, measure(result),
                steps / (median(result) * scale), BenchMain.human(fastest * scale * 1e9), BenchMain.human(slowest * scale * 1e9),
                // the first tenth is mostly the set-up of the mappings (guest memory writes): the requests start
                // in the second, so the history's cost shows as the last tenth's speed against the second's
                tenths[1] / tenths[tenths.length - 1]);
    }

    private void printReplay() {
        JsonNode flat = find("FlatScan.scan");
        if (flat == null) {
            return;
        }
        System.out.println("| replay of 262,144 4K leaves to a new listener | replay | flat scan of 262,144 words "
                + "| ratio | target |");
        System.out.println("|---|---:|---:|---:|---|");
        replayRow("impl: events to a sink that counts them", "unit=impl", flat);
        replayRow("impl-fields: to a sink that reads every field", "unit=impl-fields", flat);
        System.out.println();
    }

    private void printFirstStage() {
        if (find("FirstStage.translate") == null) {
            return;
        }
        System.out.println("| scalable mode, first stage (4-level tables, 4K pages) | model | impl | impl-api "
                + "| model/impl |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int pages : new int[] {512, 262_144}) {
            firstStageRow(String.format(Locale.ROOT, "a read that hits the IOTLB, %,d pages mapped", pages),
                    "access=hit", "pages=" + pages);
            firstStageRow(String.format(Locale.ROOT, "a cold read (root, context, PASID directory and entry, "
                    + "4 levels), %,d pages mapped", pages), "access=cold", "pages=" + pages);
        }
        System.out.println();
    }

    private void firstStageRow(String label, String access, String pages) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", label,
                measure("FirstStage.translate", "unit=model", access, pages),
                measure("FirstStage.translate", "unit=impl", access, pages),
                measure("FirstStage.translate", "unit=impl-api", access, pages),
                ratio("FirstStage.translate", "unit=model", "unit=impl", access, pages));
    }

    private void replayRow(String label, String unit, JsonNode flat) {
        JsonNode replay = find("Replay.replay", unit);
        if (replay != null) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | <= 10x |%n", label, measure(replay),
                    measure(flat), ratio(replay, flat));
        }
    }

    private String measure(String benchmark, String... params) {
        JsonNode result = find(benchmark, params);
        return result == null ? "-" : measure(result);
    }

    /** "median ± error", and the CPU time per operation's median when the run had {@link CpuTimeProfiler}. */
    private static String measure(JsonNode result) {
        double scale = BenchMain.nanosPer(result.get("primaryMetric").get("scoreUnit").asText());
        double error = result.get("primaryMetric").get("scoreError").asDouble();
        String wall = BenchMain.human(median(result) * scale) + " ± " + (Double.isNaN(error) ? "?" : BenchMain.human(error * scale));
        double cpu = cpuNanos(result);
        return Double.isNaN(cpu) ? wall : wall + " (CPU " + BenchMain.human(cpu) + ")";
    }

    /** The median CPU time per operation in nanoseconds over the iterations; NaN without {@link CpuTimeProfiler}. */
    private static double cpuNanos(JsonNode result) {
        JsonNode secondary = result.get("secondaryMetrics");
        JsonNode cpu = secondary == null ? null : secondary.get("cpu.time");
        return cpu == null ? Double.NaN : cpu.get("scorePercentiles").get("50.0").asDouble();
    }

    /** The ratio of the medians, and of the CPU times when known. */
    private static String ratio(JsonNode top, JsonNode bottom) {
        String wall = String.format(Locale.ROOT, "%.1fx", nanos(top) / nanos(bottom));
        double cpu = cpuNanos(top) / cpuNanos(bottom);
        return Double.isNaN(cpu) ? wall : wall + String.format(Locale.ROOT, " (CPU %.1fx)", cpu);
    }

    private String ratio(String benchmark, String numerator, String denominator, String... params) {
        JsonNode top = find(benchmark, with(params, numerator));
        JsonNode bottom = find(benchmark, with(params, denominator));
        return top == null || bottom == null ? "-" : ratio(top, bottom);
    }

    private String growth(String benchmark, String unit) {
        JsonNode first = find(benchmark, unit, "cachedPages=" + CACHED_PAGES[0]);
        JsonNode last = find(benchmark, unit, "cachedPages=" + CACHED_PAGES[CACHED_PAGES.length - 1]);
        return first == null || last == null ? "-" : ratio(last, first);
    }

    private static String[] with(String[] params, String param) {
        String[] all = java.util.Arrays.copyOf(params, params.length + 1);
        all[params.length] = param;
        return all;
    }

    /** The median in nanoseconds. */
    private static double nanos(JsonNode result) {
        return median(result) * BenchMain.nanosPer(result.get("primaryMetric").get("scoreUnit").asText());
    }

    /** The median in the result's unit: of its samples (sample mode) or of its iterations. */
    private static double median(JsonNode result) {
        return result.get("primaryMetric").get("scorePercentiles").get("50.0").asDouble();
    }

    /** The measured iterations' scores in order (the raw data of the first fork). */
    private static double[] raw(JsonNode result) {
        JsonNode fork = result.get("primaryMetric").get("rawData").get(0);
        double[] scores = new double[fork.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = fork.get(i).asDouble();
        }
        return scores;
    }
}
