package io.laurel.award.limit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.badge.ConstraintType;
import io.laurel.common.Paging.Pagination;

/** The vendor's getFixedWindowDetails answer: the badge's fixed-window cycles in a range, a page at a time. */
@Schema(name = "FixedWindowDetails")
public record FixedWindowView(
        @Schema(example = "69381220cebb9648d8974518") String badgeMetaId,
        @Schema(example = "100737") long orgId,
        @Schema(description = "Start of the range shown (epoch seconds)", example = "1740960000") long startDate,
        String startDateISO,
        @Schema(description = "End of the range shown (epoch seconds)", example = "1797738400") long endDate,
        String endDateISO,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long customerId,
        List<Cycle> fixedWindowCycles,
        Pagination pagination) {

    /**
     * One cycle: from {@code startDate} to {@code endDate} (the next cycle's start, exclusive), its status now, its
     * limit and, when asked, the earns counted in it (for a customer window, that customer's).
     */
    public record Cycle(
            @Schema(example = "e6791ec9-e92f-34af-bdc3-be2607fdf82c") String fixedWindowCycleReferenceId,
            @Schema(description = "The cycle's number, 0 for the window's first") long cycleNumber,
            long startDate,
            String startDateISO,
            long endDate,
            String endDateISO,
            ConstraintType constraintType,
            @Schema(description = "ACTIVE, UPCOMING or COMPLETED") String status,
            int maxEarnLimit,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "With includeEarnCount=true; for a customer window, only with a customerId") Long earnCount) {
    }
}
