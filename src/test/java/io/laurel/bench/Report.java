package io.laurel.bench;

import static io.laurel.bench.Bench.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The figures of one run, written as a Markdown table file and two PNG plots. */
final class Report {

    record Bulk(int size, List<Double> httpMs, List<Double> rawMs, List<Double> floorMs, long commands) {
    }

    record Startup(String mode, double listeningMs, double readyMs, double rssIdleMb, double rssAfterBulkMb,
            double heapCommittedMb, int bulk) {
    }

    private final Path dir;
    private final String name;
    private final boolean smoke;
    private final List<Bulk> bulks = new ArrayList<>();
    private final Map<String, Long> roundTrips = new LinkedHashMap<>();
    private final Map<String, List<Load.Result>> loads = new LinkedHashMap<>();
    private final List<Startup> startups = new ArrayList<>();
    private String bigStoreWall = "";
    private String storeFile;

    Report(Path dir, String name, boolean smoke) {
        this.dir = dir;
        this.name = name;
        this.smoke = smoke;
    }

    void bulk(int size, List<Double> httpMs, List<Double> rawMs, List<Double> floorMs, long commands) {
        bulks.add(new Bulk(size, httpMs, rawMs, floorMs, commands));
        System.out.printf("issueBulk %d: http %s ms, raw %s ms, raw find and insertMany %s ms, %d commands%n", size,
                httpMs, rawMs, floorMs, commands);
    }

    void roundTrips(String what, long commands) {
        roundTrips.put(what, commands);
        System.out.printf("%s: %d database commands%n", what, commands);
    }

    void load(String what, List<Load.Result> results) {
        loads.put(what, results);
        results.forEach(r -> System.out.printf("%s: %s/s, p50 %d us, p99 %d us, %d failed%n", r.name(),
                fmt(r.throughput()), r.percentile(50), r.percentile(99), r.failed()));
    }

    void startup(String mode, double listeningMs, double readyMs, double rssIdleMb, double rssAfterBulkMb,
            double heapCommittedMb, int bulk) {
        startups.add(new Startup(mode, listeningMs, readyMs, rssIdleMb, rssAfterBulkMb, heapCommittedMb, bulk));
        System.out.printf("%s: listening %s ms, ready %s ms, RSS idle %s MB, after one issueBulk of %d: %s MB "
                + "(heap committed %s MB)%n", mode, fmt(listeningMs), fmt(readyMs), fmt(rssIdleMb), bulk,
                fmt(rssAfterBulkMb), fmt(heapCommittedMb));
    }

    /** The embedded store's file after the start-up runs' bulks, against the documents it holds. */
    void storeFile(long bytes, long documents) {
        storeFile = "The embedded store's file after those two bulks held " + documents + " documents in "
                + fmt(bytes / 1e6) + " MB (" + fmt((double) bytes / Math.max(1, documents)) + " bytes a document); it is "
                + "compacted under load, when idle and at shutdown (README, Storage).";
        System.out.println(storeFile);
    }

    private double bigStoreWallMs = Double.NaN;
    private double freshStoreWallMs = Double.NaN;

    void freshStoreWall(double ms) {
        freshStoreWallMs = ms;
    }

    void bigStoreWall(long documents, long definitions, double ms, int status) {
        bigStoreWallMs = ms;
        bigStoreWall = "A customer badges GET (AVAILABLE, 1,000 definitions, 200 of them earned) in the store of the "
                + "runs above, holding " + documents + " customers, issues and earns, took " + fmt(ms) + " ms (median of "
                + "7, status " + status + "). It reads the customer and its scopes and issues by key only; the embedded "
                + "store still scans the definitions (it has no non-unique index on orgId), and this store holds "
                + definitions + " of them against about 1,000 in the fresh one. The load figures below come from a fresh instance "
                + "holding only their scenario.\n\n";
        System.out.println(bigStoreWall);
    }

    void failed(String phase, String what) {
        bigStoreWall += "**" + phase + " failed**: " + what + "\n\n";
        System.out.println(phase + " failed: " + what);
    }

    Path markdown() {
        return dir.resolve(name + ".md");
    }

    void write() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Laurel benchmark, ").append(name).append("\n\n");
        md.append("Command: `bench/run").append(smoke ? " smoke" : "").append("`. Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name"))
                .append(". The service runs from `target/quarkus-app/quarkus-run.jar` with its embedded store ")
                .append("(mongo-java-server on H2, group commit); every baseline runs against that same store ")
                .append("in the same run. Medians over the repetitions, spread as min–max.\n\n");

        md.append("## 1. issueBulk against the raw driver's insertMany\n\n")
                .append("The floor: the two commands issueBulk cannot do without, sent raw: the find of which customers ")
                .append("exist (their ids by `$in`) and the insertMany.\n\n")
                .append("| customers | issueBulk (ms) | raw insertMany (ms) | ratio | floor: raw find + insertMany (ms) "
                        + "| floor / raw | database commands |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Bulk b : bulks) {
            md.append("| ").append(b.size).append(" | ").append(spread(b.httpMs)).append(" | ").append(spread(b.rawMs))
                    .append(" | ").append(fmt(median(b.httpMs) / median(b.rawMs))).append("× | ")
                    .append(spread(b.floorMs)).append(" | ").append(fmt(median(b.floorMs) / median(b.rawMs)))
                    .append("× | ").append(b.commands).append(" |\n");
        }
        Bulk tenK = bulks.stream().filter(b -> b.size == 10_000).findFirst().orElse(bulks.get(bulks.size() - 1));
        double bulkRatio = median(tenK.httpMs) / median(tenK.rawMs);
        md.append("\nTarget ≤ 1.2× raw at ").append(tenK.size).append(": ").append(verdict(bulkRatio <= 1.2))
                .append(" (").append(fmt(bulkRatio)).append("×).\n\n![bulk scaling](").append(name)
                .append("-bulk.png)\n\n");

        md.append("## 2. Database round trips per request\n\n| request | commands |\n| --- | ---: |\n");
        roundTrips.forEach((what, n) -> md.append("| ").append(what).append(" | ").append(n).append(" |\n"));
        long worstWall = roundTrips.entrySet().stream().filter(e -> e.getKey().startsWith("customer badges"))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        md.append("\nTarget: customer badges GET ≤ 3 round trips at any size: ").append(verdict(worstWall <= 3))
                .append(" (").append(worstWall).append(").\n\n");

        long earnAll = roundTrips.getOrDefault("earn (all eight limit kinds)", 0L);
        long earnNone = roundTrips.getOrDefault("earn (no limits)", 0L);
        md.append("Target: earn ≤ 3 commands with every limit kind and ≤ 2 without: ")
                .append(verdict(earnAll <= 3 && earnNone <= 2)).append(" (").append(earnAll).append(" / ")
                .append(earnNone).append(").\n\n");

        int section = 3;
        md.append(bigStoreWall);
        if (!Double.isNaN(bigStoreWallMs) && !Double.isNaN(freshStoreWallMs)) {
            double wallRatio = bigStoreWallMs / freshStoreWallMs;
            md.append("The same GET in a fresh store (section 4's instance, before its load, median of 7) took ")
                    .append(fmt(freshStoreWallMs)).append(" ms: the big store's is ").append(fmt(wallRatio))
                    .append("× that. Target ≤ 3×: ").append(verdict(wallRatio <= 3)).append(".\n\n");
        }
        for (Map.Entry<String, List<Load.Result>> load : loads.entrySet()) {
            md.append("## ").append(section++).append(". ").append(load.getKey()).append(", ")
                    .append(load.getValue().get(0).workers()).append(" concurrent clients\n\n")
                    .append("| what | per second | p50 (ms) | p99 (ms) | failed |\n| --- | ---: | ---: | ---: | ---: |\n");
            for (Load.Result r : load.getValue()) {
                md.append("| ").append(r.name()).append(" | ").append(fmt(r.throughput())).append(" | ")
                        .append(fmt(r.percentile(50) / 1000.0)).append(" | ").append(fmt(r.percentile(99) / 1000.0))
                        .append(" | ").append(r.failed()).append(" |\n");
            }
            List<Load.Result> results = load.getValue();
            double ratio = results.get(0).throughput() / results.get(results.size() - 1).throughput();
            md.append("\n").append(results.get(0).name()).append(" runs at ").append(fmt(100 * ratio)).append("% of ")
                    .append(results.get(results.size() - 1).name()).append(".");
            if (load.getKey().equals("earn")) {
                Load.Result all = results.get(0);
                Load.Result none = results.get(1);
                double noneRatio = none.throughput() / results.get(results.size() - 1).throughput();
                double tail = (double) all.percentile(99) / all.percentile(50);
                md.append(" Target ≥ 25%: ").append(verdict(ratio >= 0.25)).append(". ").append(none.name())
                        .append(" runs at ").append(fmt(100 * noneRatio)).append("%; target ≥ 35%: ")
                        .append(verdict(noneRatio >= 0.35)).append(". ").append(all.name()).append(": p99 / p50 = ")
                        .append(fmt(tail)).append("; target ≤ 4: ").append(verdict(tail <= 4)).append(".");
                if (results.size() == 5) {
                    double base = results.get(4).throughput();
                    md.append(" The floor under the service: ").append(results.get(2).name()).append(" run at ")
                            .append(fmt(100 * results.get(2).throughput() / base)).append("% of ")
                            .append(results.get(4).name()).append(" (the earn reaches ")
                            .append(fmt(100 * all.throughput() / results.get(2).throughput())).append("% of that), ")
                            .append(results.get(3).name()).append(" at ")
                            .append(fmt(100 * results.get(3).throughput() / base)).append("% (the earn without limits "
                                    + "reaches ").append(fmt(100 * none.throughput() / results.get(3).throughput()))
                            .append("%).");
                }
            }
            md.append("\n\n");
        }
        md.append("![latency distributions](").append(name).append("-latency.png)\n\n");

        int bulk = startups.isEmpty() ? 0 : startups.get(0).bulk;
        md.append("## ").append(section).append(". Start-up and memory\n\n")
                .append("Fresh instances on a fresh store, heap limit ").append(System.getProperty("laurel.app.heap", "512m"))
                .append(". RSS from `/proc`, idle after start-up and after one issueBulk of ").append(bulk)
                .append(" customers sent to that instance, with the heap the JVM had committed then (part of that RSS).\n\n")
                .append("| mode | process start to listening (ms) | to ready 200 (ms) | RSS idle (MB) | RSS after the bulk (MB) "
                        + "| heap committed after the bulk (MB) |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Startup s : startups) {
            md.append("| ").append(s.mode).append(" | ").append(fmt(s.listeningMs)).append(" | ").append(fmt(s.readyMs))
                    .append(" | ").append(fmt(s.rssIdleMb)).append(" | ").append(fmt(s.rssAfterBulkMb)).append(" | ")
                    .append(fmt(s.heapCommittedMb)).append(" |\n");
        }
        md.append("\nTargets, JVM ready ≤ 1.5 s and RSS after the bulk ≤ 300 MB:");
        for (Startup s : startups) {
            md.append(" ").append(s.mode).append(": ready ").append(verdict(s.readyMs <= 1500)).append(" (")
                    .append(fmt(s.readyMs / 1000)).append(" s), RSS ").append(verdict(s.rssAfterBulkMb <= 300)).append(" (")
                    .append(fmt(s.rssAfterBulkMb)).append(" MB);");
        }
        md.setLength(md.length() - 1);
        md.append(".\n");
        if (storeFile != null) {
            md.append("\n").append(storeFile).append("\n");
        }
        Files.writeString(markdown(), md.toString());
        plots();
    }

    private void plots() throws IOException {
        XYChart bulk = new XYChartBuilder().width(800).height(500).title("issueBulk against raw insertMany")
                .xAxisTitle("customers").yAxisTitle("ms (median)").build();
        bulk.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW);
        bulk.addSeries("issueBulk over HTTP", bulks.stream().map(b -> (double) b.size).toList(),
                bulks.stream().map(b -> median(b.httpMs)).toList());
        bulk.addSeries("raw insertMany", bulks.stream().map(b -> (double) b.size).toList(),
                bulks.stream().map(b -> median(b.rawMs)).toList());
        BitmapEncoder.saveBitmap(bulk, dir.resolve(name + "-bulk").toString(), BitmapEncoder.BitmapFormat.PNG);

        XYChart latency = new XYChartBuilder().width(900).height(550).title("Latency distributions (32 clients)")
                .xAxisTitle("latency (ms)").yAxisTitle("percentile").build();
        latency.getStyler().setXAxisLogarithmic(true).setMarkerSize(0).setLegendPosition(Styler.LegendPosition.InsideSE);
        for (List<Load.Result> results : loads.values()) {
            for (Load.Result r : results) {
                if (r.micros().length < 2) {
                    continue;
                }
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int p = 1; p <= 100; p++) {
                    x.add(Math.max(0.001, r.percentile(p) / 1000.0));
                    y.add((double) p);
                }
                latency.addSeries(r.name(), x, y);
            }
        }
        BitmapEncoder.saveBitmap(latency, dir.resolve(name + "-latency").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> values) {
        return fmt(median(values)) + " (" + fmt(Collections.min(values)) + "–" + fmt(Collections.max(values)) + ")";
    }
}
