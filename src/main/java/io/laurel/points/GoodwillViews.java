package io.laurel.points;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.ApiError;
import io.laurel.common.Paging.Pagination;

public final class GoodwillViews {

    private GoodwillViews() {
    }

    /** The platform's answer to an allocation: not the envelope, exactly this. */
    @Schema(name = "GoodwillCreated")
    public record Created(@Schema(example = "1") long createdId, List<ApiError> warnings) {
    }

    @Schema(name = "GoodwillEntry")
    public record Entry(long createdId, String referenceId, long points, String reason, long awardingTillId,
            String source, long programId, String createdOn) {
    }

    @Schema(name = "Points")
    public record Points(long customerId, @Schema(description = "Null when no programId was asked for") Long programId,
            @Schema(description = "Sum of the goodwill allocations") long balance, List<Entry> goodwill,
            Pagination pagination) {
    }
}
