package io.laurel.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenTelemetry collector: takes OTLP/HTTP protobuf exports on {@code /v1/traces} and reads the spans out
 * of them (the few fields tests look at, with a protobuf reader of its own: the OTLP classes are not a dependency).
 */
public final class OtlpSpans implements AutoCloseable {

    public static final int SERVER = 2;
    public static final int CLIENT = 3;

    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();

    public OtlpSpans() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (exchange; InputStream raw = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                List<Span> received = parse(in.readAllBytes());
                synchronized (spans) {
                    spans.addAll(received);
                    spans.notifyAll();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    /** The first span that matches, waiting for exports until the timeout. */
    public Span await(String what, Predicate<Span> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (spans) {
            while (true) {
                Optional<Span> found = spans.stream().filter(match).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no span " + what + " among " + spans);
                }
                TimeUnit.NANOSECONDS.timedWait(spans, left);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The spans of an ExportTraceServiceRequest. */
    static List<Span> parse(byte[] request) {
        List<Span> out = new ArrayList<>();
        for (byte[] resourceSpans : fields(request, 1)) {
            for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                for (byte[] span : fields(scopeSpans, 2)) {
                    out.add(span(span));
                }
            }
        }
        return out;
    }

    private static Span span(byte[] span) {
        Map<String, String> attributes = new HashMap<>();
        for (byte[] keyValue : fields(span, 9)) {
            List<byte[]> value = fields(keyValue, 2);
            List<byte[]> text = value.isEmpty() ? List.of() : fields(value.get(0), 1);
            attributes.put(string(first(keyValue, 1)), text.isEmpty() ? "" : string(text.get(0)));
        }
        HexFormat hex = HexFormat.of();
        return new Span(hex.formatHex(first(span, 1)), hex.formatHex(first(span, 2)), hex.formatHex(first(span, 4)),
                string(first(span, 5)), (int) varint(span, 6), attributes);
    }

    private static byte[] first(byte[] message, int field) {
        List<byte[]> all = fields(message, field);
        return all.isEmpty() ? new byte[0] : all.get(0);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The length-delimited values of one field number. */
    private static List<byte[]> fields(byte[] message, int field) {
        List<byte[]> out = new ArrayList<>();
        walk(message, (number, wireType, value, bytes) -> {
            if (number == field && wireType == 2) {
                out.add(bytes);
            }
        });
        return out;
    }

    private static long varint(byte[] message, int field) {
        long[] found = { 0 };
        walk(message, (number, wireType, value, bytes) -> {
            if (number == field && wireType == 0) {
                found[0] = value;
            }
        });
        return found[0];
    }

    private interface Visitor {
        void field(int number, int wireType, long value, byte[] bytes);
    }

    private static void walk(byte[] message, Visitor visitor) {
        ByteBuffer in = ByteBuffer.wrap(message);
        while (in.hasRemaining()) {
            long key = readVarint(in);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> visitor.field(number, 0, readVarint(in), null);
                case 1 -> in.position(in.position() + 8);
                case 5 -> in.position(in.position() + 4);
                case 2 -> {
                    byte[] bytes = new byte[(int) readVarint(in)];
                    in.get(bytes);
                    visitor.field(number, 2, 0, bytes);
                }
                default -> throw new IllegalArgumentException("protobuf wire type " + wireType);
            }
        }
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
