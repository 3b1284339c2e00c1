package io.laurel.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.laurel.support.LaurelApp;

/**
 * {@code bench/run startup}: time from process start to the first ready 200 of the packaged jar, on JDK 17 and on
 * JDK 25, plain and with the class cache its {@code train} command leaves (AppCDS on 17, the AOT cache on 25), the
 * four interleaved round by round on one store. Writes {@code bench/results/<date>-startup.md}.
 */
final class StartupBench {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String JDK25 = System.getenv().getOrDefault("BENCH_JAVA25",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    record Variant(String name, String java, List<String> options, List<Double> readyMs) {
    }

    private final HttpClient http = HttpClient.newHttpClient();

    static void main(Path out, int rounds) throws Exception {
        new StartupBench().run(out, rounds);
    }

    void run(Path out, int rounds) throws Exception {
        Path work = Files.createTempDirectory("laurel-bench-startup");
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("JDK 17", java17, List.of(), new ArrayList<>()));
        Path cds = work.resolve("app-cds.jsa");
        train(java17, "-XX:ArchiveClassesAtExit=" + cds);
        variants.add(new Variant("JDK 17 + AppCDS", java17, List.of("-XX:SharedArchiveFile=" + cds),
                new ArrayList<>()));
        if (Files.isExecutable(Path.of(JDK25))) {
            variants.add(new Variant("JDK 25", JDK25, List.of(), new ArrayList<>()));
            Path aot = work.resolve("app.aot");
            train(JDK25, "-XX:AOTCacheOutput=" + aot);
            variants.add(new Variant("JDK 25 + AOT cache", JDK25, List.of("-XX:AOTCache=" + aot), new ArrayList<>()));
        }
        Path data = work.resolve("data");
        for (Variant variant : variants) {
            readyMs(variant, data); // a start not counted: the store is created, the page cache warm
        }
        for (int round = 0; round < rounds; round++) {
            for (Variant variant : variants) {
                variant.readyMs().add(readyMs(variant, data));
            }
            System.out.printf("round %d of %d%n", round + 1, rounds);
        }
        String md = report(variants, rounds);
        System.out.println(md);
        Files.writeString(out.resolve(LocalDate.now() + "-startup.md"), md);
    }

    /** {@code java OPTION -jar quarkus-run.jar train}: the product's training run, which leaves the cache. */
    void train(String java, String option) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, option, "-jar", JAR.toString(), "train")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("training with " + java + " " + option + " failed");
        }
    }

    double readyMs(Variant variant, Path data) throws Exception {
        int port = LaurelApp.freePort();
        int management = LaurelApp.freePort();
        List<String> command = new ArrayList<>(List.of(variant.java(), "-Xmx512m"));
        command.addAll(variant.options());
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("LAUREL_"));
        builder.environment().putAll(Map.of("LAUREL_DATA_DIR", data.toString(),
                "LAUREL_ALLOW_GENERATED_KEYS", "true", "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management), "LAUREL_WORKFLOW_POLL_INTERVAL", "off"));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                    .build();
            long deadline = started + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - started) / 1e6;
                    }
                } catch (ConnectException notYet) {
                    // Not listening yet.
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException(variant.name() + " did not become ready");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String report(List<Variant> variants, int rounds) {
        Map<String, Double> medians = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Start-up: class caches, " + LocalDate.now() + "\n\n")
                .append("`bench/run startup`: process start to the first `/q/health/ready` 200 of the packaged jar "
                        + "on its embedded store (created by a start not counted), heap limit 512 MB, ").append(rounds)
                .append(" rounds with the variants interleaved in each. The caches come from the jar's own `train` "
                        + "command (a start on a throwaway store and a few typical requests) under "
                        + "`-XX:ArchiveClassesAtExit` (JDK 17, AppCDS) and `-XX:AOTCacheOutput` (JDK 25, "
                        + "JEP 514/515).\n\n")
                .append("| variant | median (ms) | min (ms) | max (ms) | median against JDK 17 |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Variant variant : variants) {
            List<Double> sorted = variant.readyMs().stream().sorted().toList();
            medians.put(variant.name(), sorted.get(sorted.size() / 2));
        }
        double base = medians.values().iterator().next();
        for (Variant variant : variants) {
            List<Double> sorted = variant.readyMs().stream().sorted().toList();
            double median = medians.get(variant.name());
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.2fx |%n", variant.name(), median,
                    sorted.get(0), sorted.get(sorted.size() - 1), median / base));
        }
        md.append("\nTarget, JVM ready ≤ 1.5 s:");
        medians.forEach((name, median) -> md.append(String.format(Locale.ROOT, " %s %s (%.2f s);", name,
                median <= 1500 ? "met" : "missed", median / 1000)));
        md.setLength(md.length() - 1);
        return md.append(".\n").toString();
    }
}
