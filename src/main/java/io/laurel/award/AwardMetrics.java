package io.laurel.award;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.ApiException;
import io.micrometer.core.instrument.MeterRegistry;

/** laurel_badges_issued_total, laurel_badges_earned_total, laurel_badge_rejections_total{operation,code}. */
@ApplicationScoped
public class AwardMetrics {

    private final MeterRegistry registry;

    AwardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void issued(long count) {
        registry.counter("laurel.badges.issued").increment(count);
    }

    void earned(long count) {
        registry.counter("laurel.badges.earned").increment(count);
    }

    void rejected(String operation, Throwable failure) {
        String code = failure instanceof ApiException api ? Integer.toString(api.errorCode().code()) : "error";
        registry.counter("laurel.badge.rejections", "operation", operation, "code", code).increment();
    }

    void rejected(String operation, int code, long count) {
        registry.counter("laurel.badge.rejections", "operation", operation, "code", Integer.toString(code))
                .increment(count);
    }
}
