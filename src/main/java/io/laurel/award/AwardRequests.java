package io.laurel.award;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.EpochTime;

/**
 * The bodies of the issue and earn calls. Required fields are checked by the services, not by annotations, because
 * each missing one has its own platform code (804 requestId, 803 triggeredBy, 716 ownerType).
 */
public final class AwardRequests {

    private AwardRequests() {
    }

    @Schema(name = "IssueBulkRequest")
    public record IssueBulk(
            @Schema(example = "693804d8cebb9648d8974489") String badgeMetaId,
            TriggeredBy triggeredBy,
            @Schema(description = "Epoch seconds or milliseconds, or ISO-8601; default now") EpochTime issueEventDate,
            @Schema(description = "ISO-8601 with offset; wins over issueEventDate", example = "2025-04-23T08:14:15Z")
            EpochTime issueEventDateISO,
            @Schema(description = "1 to 10,000 customerIds", example = "[566881933, 566881934]") List<Long> customers,
            @Schema(description = "Unique per org across issue and earn calls", example = "434e0d861777711w2yyybj265")
            String requestId) {
    }

    @Schema(name = "EarnRequest")
    public record Earn(
            @Schema(example = "658c50761c4c2b12732c3ec6") String badgeMetaId,
            @Schema(example = "382477526") Long customerId,
            @Schema(example = "0f932928-9878-441c-a78e-c1d32235534q") String requestId,
            TriggeredBy triggeredBy,
            @Schema(description = "When the earning event happened; default now, at most 24 h ahead") EpochTime earnEventDate,
            EpochTime earnEventDateISO) {
    }

    @Schema(name = "EarnBulkRequest")
    public record EarnBulk(
            String badgeMetaId,
            @Schema(description = "1 to 1,000 customerIds") List<Long> customerIds,
            String requestId,
            TriggeredBy triggeredBy,
            EpochTime earnEventDate,
            EpochTime earnEventDateISO) {
    }

    @Schema(name = "RevokeEarnRequest")
    public record RevokeEarn(String badgeMetaId, Long customerId, String earnedBadgeId) {
    }

    @Schema(name = "RevokeIssueRequest")
    public record RevokeIssue(String badgeMetaId, @Schema(description = "1 to 20 customerIds") List<Long> customers) {
    }
}
