package io.laurel.award;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;


/** The answers of the issue and earn calls, shaped as the platform's. */
public final class AwardViews {

    private AwardViews() {
    }

    /** The vendor's per-item error: {@code {code, message, reference}}. */
    public record ItemError(int code, String message, String reference) {
    }

    @Schema(name = "IssueBulk")
    public record IssueBulk(String badgeMetaId, TriggeredBy triggeredBy, Long expiresOn, String expiresOnISO,
            List<Issued> issuedBadges, String requestId) {
    }

    /**
     * One customer of an issueBulk: issued, or (as the vendor's "Badge Overlapping" answer) refused with an
     * {@code error}; a customer refused for an active issue (1040) shows that issue's id and status.
     */
    public record Issued(long customerId, String issuedId, String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) ItemError error) {

        Issued(long customerId, String issuedId, String status) {
            this(customerId, issuedId, status, null);
        }
    }

    /** An earn, with the fields of the platform's earn answer (requestId, and issuedId: null for EARN badges). */
    @Schema(name = "Earn")
    public record Earn(String badgeMetaId, long customerId, String earnedBadgeId, long earnedCount, Long expiresOn,
            String expiresOnISO,
            @Schema(example = "23432", description = "The call's requestId, as text") String requestId,
            @Schema(description = "The issue this earn used (ISSUE_EARN badges); null otherwise") String issuedId) {
    }

    /** One imported earn, as the vendor's import answers it. */
    @Schema(name = "ImportedEarn")
    public record Imported(String badgeMetaId, long customerId, String earnedBadgeId, Long expiresOn,
            String expiresOnISO, String requestId, String issuedId) {
    }

    /**
     * An earnBulk answer in the vendor's current shape ({@code earnedBadgesList}, the three counts,
     * {@code failedEarnBadgeErrorList}), with Laurel's earlier {@code earnedBadges} (each earn in full) and
     * {@code requestId} kept.
     */
    @Schema(name = "EarnBulk")
    public record EarnBulk(String badgeMetaId, TriggeredBy triggeredBy, Long expiresOn, String expiresOnISO,
            List<EarnedBadge> earnedBadgesList, int totalCount, int earnedCount, int failedCount,
            List<FailedEarn> failedEarnBadgeErrorList, List<Earn> earnedBadges, String requestId) {
    }

    public record EarnedBadge(long customerId, String earnedBadgeId) {
    }

    /** A customer whose earn was refused: the code and message it would have had alone. */
    public record FailedEarn(long customerId, int errorCode, String errorMessage) {
    }

    /** A revoked earn: the vendor's {@code isActive: false}, and Laurel's {@code status}. */
    @Schema(name = "RevokeEarn")
    public record RevokeEarn(String badgeMetaId, long customerId, String earnedBadgeId, boolean isActive,
            String status) {
    }

    @Schema(name = "RevokeIssue")
    public record RevokeIssue(String badgeMetaId, List<RevokedIssue> revokedIssuedBadges, String requestId) {
    }

    /** One line of a revokeIssue: the revoked issue, or {@code error} (null when revoked). */
    public record RevokedIssue(long customerId, String issuedId, ItemError error) {
    }
}
