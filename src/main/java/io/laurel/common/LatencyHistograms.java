package io.laurel.common;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency histograms (Prometheus {@code _bucket} series) for the HTTP routes and the workflow's forwards, on fixed
 * buckets from 5 ms to 10 s: enough for {@code histogram_quantile} and alerting, few enough series per route.
 */
@Singleton
public class LatencyHistograms {

    static final Set<String> TIMERS = Set.of("http.server.requests", "laurel.workflow.forward");

    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMERS.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Arrays.stream(BUCKETS).mapToDouble(Duration::toNanos)
                                .toArray())
                        .build().merge(config);
            }
        };
    }
}
