package io.vtdoracle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard K/N} splits a campaign's batches over machines; {@code merge-reports} joins their reports. */
class ShardTest {

    private static final String[] CAMPAIGN = {"check", "--suite", "robustness", "--tries", "400", "--seed", "5"};

    private static CliRun check(Path dir, String report, String... more) {
        List<String> args = new ArrayList<>(List.of(CAMPAIGN));
        args.addAll(List.of("--failure-dir", dir.toString(), "--report", dir.resolve(report).toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void twoShardsMergeIntoTheWholeCampaign(@TempDir Path dir) throws Exception {
        assertThat(check(dir, "whole.json").exit()).isEqualTo(Main.PASSED);
        assertThat(check(dir, "1.json", "--shard", "1/2").exit()).isEqualTo(Main.PASSED);
        assertThat(check(dir, "2.json", "--shard", "2/2").exit()).isEqualTo(Main.PASSED);

        CampaignResult one = ReportReader.read(dir.resolve("1.json"));
        CampaignResult whole = ReportReader.read(dir.resolve("whole.json"));
        assertThat(one.properties().get(0).cases()).isEqualTo(200);

        CliRun merge = CliRun.of("merge-reports", dir.resolve("1.json").toString(), dir.resolve("2.json").toString(),
                "--report", dir.resolve("all.json").toString());
        assertThat(merge.exit()).isEqualTo(Main.PASSED);
        CampaignResult merged = ReportReader.read(dir.resolve("all.json"));
        SuiteResult m = merged.properties().get(0);
        SuiteResult w = whole.properties().get(0);
        assertThat(m.cases()).isEqualTo(w.cases()).isEqualTo(400);
        assertThat(m.invalid()).isEqualTo(w.invalid());
        assertThat(m.seeds()).containsExactlyInAnyOrderElementsOf(w.seeds());
        assertThat(m.labels()).isEqualTo(w.labels());
        assertThat(merged.shards()).containsExactly(1, 2);

        Path md = dir.resolve("all.md");
        assertThat(CliRun.of("merge-reports", dir.resolve("1.json").toString(), dir.resolve("2.json").toString(),
                "--report", md.toString()).exit()).isEqualTo(Main.PASSED);
        assertThat(Files.readString(md)).contains("shards 1, 2 of 2", "| robustness | passed | 400 |");
    }

    @Test
    void reportsOfDifferentCampaignsOrTheSameShardDoNotMerge(@TempDir Path dir) {
        CliRun first = CliRun.of("check", "--suite", "robustness", "--tries", "5", "--seed", "5", "--shard", "1/2",
                "--failure-dir", dir.toString(), "--report", dir.resolve("1.json").toString());
        assertThat(first.exit()).isEqualTo(Main.PASSED);
        CliRun other = CliRun.of("check", "--suite", "robustness", "--tries", "5", "--seed", "6", "--shard", "2/2",
                "--failure-dir", dir.toString(), "--report", dir.resolve("other.json").toString());
        assertThat(other.exit()).isEqualTo(Main.PASSED);

        CliRun seeds = CliRun.of("merge-reports", dir.resolve("1.json").toString(),
                dir.resolve("other.json").toString());
        assertThat(seeds.exit()).isEqualTo(Main.USAGE);
        assertThat(seeds.err()).contains("has seed 6 but").contains("not shards of one campaign");

        CliRun twice = CliRun.of("merge-reports", dir.resolve("1.json").toString(), dir.resolve("1.json").toString());
        assertThat(twice.exit()).isEqualTo(Main.USAGE);
        assertThat(twice.err()).contains("covers shard 1/2, which an earlier report covers too");

        CliRun half = CliRun.of("merge-reports", dir.resolve("1.json").toString());
        assertThat(half.exit()).isEqualTo(Main.PASSED);
        assertThat(half.err()).contains("warning: shards [2] of 2 are missing");
    }

    @Test
    void badShardsAreBadArguments() {
        assertThat(CliRun.of("check", "--shard", "3/2", "--seed", "1").err()).contains("K must be between 1 and N");
        assertThat(CliRun.of("check", "--shard", "half").exit()).isEqualTo(Main.USAGE);
        assertThat(CliRun.of("check", "--shard", "1/2", "--tries", "1").err()).contains("--shard needs --seed");
        assertThat(CliRun.of("merge-reports", "report.md").err()).contains("does not exist");
    }

    @Test
    void nearbyCampaignSeedsShareNoBatch() {
        Set<Long> one = new HashSet<>();
        Set<Long> two = new HashSet<>();
        for (int k = 0; k < 1000; k++) {
            one.add(BatchSeeds.of(1, k));
            two.add(BatchSeeds.of(2, k));
        }
        assertThat(one).hasSize(1000).doesNotContainAnyElementsOf(two);
        assertThat(one).doesNotContain(1L, 2L, 3L);
        assertThat(BatchSeeds.of(1, 3)).isEqualTo(BatchSeeds.of(1, 3));
    }
}
