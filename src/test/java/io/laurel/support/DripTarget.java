package io.laurel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A workflow target on {@link MemoryStoreResource#TARGET_PORT} that answers a 200 with a long body one byte every
 * 200 ms: a slow target. {@link #closed} completes (with {@link System#nanoTime()}) when the caller drops the
 * connection.
 */
public final class DripTarget implements AutoCloseable {

    public final CompletableFuture<Long> closed = new CompletableFuture<>();
    public final AtomicLong dripped = new AtomicLong();
    private final ServerSocket server;
    private final Thread thread;

    private DripTarget() throws IOException {
        server = new ServerSocket(MemoryStoreResource.TARGET_PORT, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "drip-target");
        thread.setDaemon(true);
    }

    public static DripTarget start() throws IOException {
        DripTarget target = new DripTarget();
        target.thread.start();
        return target;
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            in.read(new byte[16 * 1024]); // the request head; its body does not matter
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (dripped.get() < 100_000) {
                out.write('x');
                out.flush();
                dripped.incrementAndGet();
                Thread.sleep(200); // the target's pace, not a wait for the test
            }
        } catch (IOException | InterruptedException e) {
            // the caller reset the connection: what the test waits for
        } finally {
            closed.complete(System.nanoTime());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
