package io.laurel.award.limit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.badge.ConstraintType;
import io.laurel.badge.DurationType;

/** Why an earn would be refused, or how many more would pass: every limit of a badge for one customer at a time. */
@Schema(name = "EarnLimits")
public record LimitsView(
        @Schema(example = "382477526") long customerId,
        @Schema(example = "658c50761c4c2b12732c3ec6") String badgeMetaId,
        @Schema(description = "The time the limits are read for (epoch seconds); default now") long at,
        String atISO,
        @Schema(description = "Whether an earn at that time passes every limit") boolean earnAllowed,
        @Schema(description = "How many more earns pass every limit at that time; null when the badge has none")
        Long remaining,
        List<Limit> limits) {

    /**
     * One limit: its count in the window that applies, its maximum, the room left, and, when it is full, when the next
     * slot frees ({@code null}: only a revoke frees it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limit(
            @Schema(description = "CUSTOMER or BADGE") String level,
            ConstraintType constraintType,
            @Schema(description = "The fixed window's referenceId") String referenceId,
            @Schema(description = "A rolling window's unit and length") DurationType rollType,
            Integer rollValue,
            long maxEarnLimit,
            long count,
            long remaining,
            @Schema(description = "The window counted (epoch seconds); absent for a fixed value") Long windowStart,
            String windowStartISO,
            Long windowEnd,
            String windowEndISO,
            Long nextSlotAt,
            String nextSlotAtISO,
            String description) {
    }
}
