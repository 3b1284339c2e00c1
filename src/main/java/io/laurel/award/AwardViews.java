package io.laurel.award;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of the issue and earn calls, shaped as the platform's. */
public final class AwardViews {

    private AwardViews() {
    }

    @Schema(name = "IssueBulk")
    public record IssueBulk(String badgeMetaId, TriggeredBy triggeredBy, Long expiresOn, String expiresOnISO,
            List<Issued> issuedBadges, String requestId) {
    }

    public record Issued(long customerId, String issuedId, String status) {
    }

    /** An earn, with the fields of the platform's earn answer (requestId, and issuedId: null for EARN badges). */
    @Schema(name = "Earn")
    public record Earn(String badgeMetaId, long customerId, String earnedBadgeId, long earnedCount, Long expiresOn,
            String expiresOnISO,
            @Schema(example = "23432", description = "The call's requestId, as text") String requestId,
            @Schema(description = "The issue this earn used (ISSUE_EARN badges); null otherwise") String issuedId) {
    }

    @Schema(name = "EarnBulk")
    public record EarnBulk(String badgeMetaId, TriggeredBy triggeredBy, List<Earn> earnedBadges, String requestId) {
    }

    @Schema(name = "RevokeEarn")
    public record RevokeEarn(String badgeMetaId, long customerId, String earnedBadgeId, String status) {
    }

    @Schema(name = "RevokeIssue")
    public record RevokeIssue(String badgeMetaId, List<RevokedIssue> revokedIssuedBadges) {
    }

    public record RevokedIssue(long customerId, String issuedId, String error) {
    }
}
