package io.laurel.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 5: the jar's {@code train} command (what the JVM image's build runs under -XX:AOTCacheOutput)
 * starts the service on a throwaway store, serves its requests, exits 0, and leaves a class cache that a later JVM
 * maps ({@code -Xshare:on} refuses to start otherwise). Here with AppCDS on the JDK that runs the tests.
 */
class ClassCacheIT {

    @TempDir
    Path dir;

    static int run(Path log, String... command) throws Exception {
        List<String> full = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("LAUREL_"));
        Process process = builder.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "finished");
        return process.exitValue();
    }

    @Test
    void trainingLeavesACacheThatTheNextStartMaps() throws Exception {
        Path cache = dir.resolve("app-cds.jsa");
        Path log = dir.resolve("train.log");
        String jar = "target/quarkus-app/quarkus-run.jar";
        assertEquals(0, run(log, "-XX:ArchiveClassesAtExit=" + cache, "-jar", jar, "train"), Files.readString(log));
        assertTrue(Files.size(cache) > 1_000_000, "a cache of the classes the run loaded");
        assertTrue(Files.readString(log).contains("started in"), "the service started");

        Path key = dir.resolve("key.pem");
        Files.copy(Path.of("src/test/resources/test-jwt/privateKey.pem"), key);
        Path use = dir.resolve("use.log");
        assertEquals(0, run(use, "-XX:SharedArchiveFile=" + cache, "-Xshare:on", "-jar", jar, "jwks", key.toString()),
                Files.readString(use));
    }
}
