package io.laurel.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A bounded closed-loop load: n workers call one operation back to back until a deadline. */
final class Load {

    interface Op {
        /** One call; true when it succeeded. */
        boolean call(int worker, long sequence) throws Exception;
    }

    /** What a run measured: successful calls per second and their latencies in microseconds. */
    record Result(String name, int workers, double seconds, long ok, long failed, long[] micros) {

        double throughput() {
            return ok / seconds;
        }

        long percentile(double p) {
            if (micros.length == 0) {
                return 0;
            }
            int index = (int) Math.min(micros.length - 1, Math.ceil(p / 100.0 * micros.length) - 1);
            return micros[Math.max(0, index)];
        }
    }

    private Load() {
    }

    static Result run(String name, int workers, double warmupSeconds, double seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<List<Long>> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            pool.submit(() -> {
                long sequence = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean success;
                        try {
                            success = op.call(worker, sequence++);
                        } catch (Exception e) {
                            success = false;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            if (success) {
                                ok.incrementAndGet();
                                mine.add((t1 - t0) / 1000);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(30 + (long) (warmupSeconds + seconds), TimeUnit.SECONDS);
        pool.shutdownNow();
        long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
        Arrays.sort(all);
        return new Result(name, workers, seconds, ok.get(), failed.get(), all);
    }
}
