package io.laurel.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A JVM started by a test. Start-up is awaited on a line of its output (no sleeping), and it can be killed the way
 * {@code kill -9} does ({@link Process#destroyForcibly()}).
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Predicate<String> readyLine;

    private ChildProcess(Process process, Predicate<String> readyLine) {
        this.process = process;
        this.readyLine = readyLine;
        Thread reader = new Thread(this::drain, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java args…} with the environment additions, and waits until a line matches {@code readyLine}. */
    public static ChildProcess start(List<String> args, Map<String, String> env, Predicate<String> readyLine,
            Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("LAUREL_"));
        builder.environment().putAll(env);
        ChildProcess child = new ChildProcess(builder.start(), readyLine);
        child.awaitReady(timeout);
        return child;
    }

    public long pid() {
        return process.pid();
    }

    /** The first line that matched the ready predicate. */
    public String readyLine() {
        return ready.join();
    }

    private void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            kill();
            throw new IllegalStateException("Child did not become ready: " + e + "\n" + tail(), e);
        }
    }

    private void drain() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                // Every line goes through the predicate, so a caller can also watch for later events.
                if (readyLine.test(line) && !ready.isDone()) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // The child was killed; its output ends here.
        }
        ready.completeExceptionally(new IllegalStateException("Child exited before it was ready"));
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    public String tail() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
        }
    }

    /** Like {@code kill -9}: no shutdown hook, no final commit. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** A normal stop (SIGTERM): shutdown hooks run. */
    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
