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
    public record Entry(long createdId, String referenceId,
            @Schema(description = "Below zero for a redemption") long points, String reason, long awardingTillId,
            String source, long programId, String createdOn,
            @Schema(description = "GOODWILL or REDEMPTION") String type,
            @Schema(description = "A redemption's transaction_number") String transactionNumber) {
    }

    @Schema(name = "Points")
    public record Points(long customerId, @Schema(description = "Null when no programId was asked for") Long programId,
            @Schema(description = "Goodwill allocations less redemptions; with a programId, that program's allocations"
                    + " only (redemptions are not per program)") long balance,
            @Schema(description = "The ledger, newest first: allocations and redemptions") List<Entry> goodwill,
            Pagination pagination) {
    }

    /** The answer to a redemption. */
    @Schema(name = "PointsRedeemed")
    public record Redeemed(@Schema(example = "42") long redemptionId, long customerId,
            @Schema(example = "100") long pointsRedeemed,
            @Schema(description = "The redeemable balance after it") long balance,
            @Schema(example = "ACR-583523332039150121") String referenceId, String transactionNumber) {
    }
}
