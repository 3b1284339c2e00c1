package io.laurel.award.wall;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.badge.BadgeMetaView.ExpiryView;
import io.laurel.badge.BadgeMetaView.ImageView;
import io.laurel.badge.BadgeMetaView.TagView;
import io.laurel.badge.DurationType;

/** The vendor's view of one badge of one customer: the definition's headline and this customer's issues and earns. */
@Schema(name = "CustomerBadgeDetail")
public record CustomerBadgeDetail(
        @Schema(example = "653dea07b3cda7078c7c68ee") String id,
        String name,
        String description,
        BigDecimal createdOn,
        String createdOnISO,
        BigDecimal lastUpdatedOn,
        String lastUpdatedOnISO,
        long startsOn,
        String startsOnISO,
        long expiresOn,
        String expiresOnISO,
        @Schema(description = "ACTIVATED or DE_ACTIVATED") String action,
        @Schema(description = "EARN or ISSUE_EARN") String badgeType,
        @Schema(description = "UPCOMING, LIVE or EXPIRED") String badgeStatus,
        @Schema(description = "The owner types (restrictedToOwners)") List<String> owner,
        @Schema(description = "The owner types holding an active claim") List<String> claimedBy,
        List<ImageView> images,
        ExpiryView earnExpiry,
        ExpiryView issueExpiry,
        List<TagView> tags,
        String badgeGroupId,
        String badgeGroupName,
        Integer badgeRank,
        @Schema(description = "With includeStatistics=true") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Constraint> customerConstraints,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Constraint> badgeConstraints,
        IssualDetails issualDetails,
        @Schema(description = "The latest issue's status: ACTIVE, REVOKED or EXPIRED; null when never issued")
        String issuedStatus,
        EarnDetails earnDetails,
        @Schema(description = "This customer's earns that are live (not revoked, not past their expiry)")
        long activeEarnedCount,
        BigDecimal lastEarnedOn,
        String lastEarnedOnISO,
        BigDecimal lastEarnedOnDate,
        String lastEarnedOnDateISO,
        BigDecimal lastEarnEventDate,
        String lastEarnEventDateISO,
        @Schema(description = "With includeStatistics=true: this customer's issues and earns by status")
        @JsonInclude(JsonInclude.Include.NON_NULL) Statistics statistics,
        Map<String, String> customFields) {

    /** One limit with this customer's count in it now, read by the limit engine (as the limit explainer). */
    public record Constraint(
            @Schema(description = "CUSTOMER or BADGE") String constraintLevel,
            String constraintType,
            DurationType rollType,
            Integer refreshRate,
            DurationType durationType,
            String cycleStatus,
            Integer startDayOfTheWeek,
            Integer rollValue,
            long maxEarnLimit,
            EarnStatistics earnConstraintBlockStatistics,
            Cycle fixedWindowCycle,
            String fixedWindowReferenceId,
            @Schema(description = "A rolling customer window's limits by unit; null for the other kinds")
            RollingLimits rollingWindowLimits) {
    }

    public record RollingLimits(Integer maxEarnForDays, Integer rollForDays, Integer maxEarnForWeeks,
            Integer rollForWeeks, Integer maxEarnForMonths, Integer rollForMonths) {
    }

    /** The count a limit is checked against; a rolling customer window's by its unit. */
    public record EarnStatistics(Long currentEarnCount, Long currentEarnCountDays, Long currentEarnCountWeeks,
            Long currentEarnCountMonths) {
    }

    public record Cycle(long startDate, String startDateISO, long endDate, String endDateISO) {
    }

    public record IssualDetails(long issuedCount, List<Issual> issuals) {
    }

    /** One issue to this customer. */
    public record Issual(String issueId, String issuedStatus, BigDecimal issuedOn, String issuedOnISO,
            BigDecimal issueEventDate, String issueEventDateISO, BigDecimal issueExpiresOn, String issueExpiresOnISO,
            BigDecimal revokedOn, String revokedOnISO, String ownerType, String ownerReferenceId, String requestId) {
    }

    public record EarnDetails(long earnCount, List<Earn> earns) {
    }

    /** One earn by this customer. */
    public record Earn(String earnedBadgeId, String earnedStatus, BigDecimal earnedOn, String earnedOnISO,
            BigDecimal earnEventDate, String earnEventDateISO, BigDecimal earnExpiresOn, String earnExpiresOnISO,
            BigDecimal revokedOn, String revokedOnISO, String issuedId, String ownerType, String ownerReferenceId,
            String requestId) {
    }

    /** Issues and earns by status: live (ACTIVE), revoked, expired. */
    public record Statistics(long activeIssues, long revokedIssues, long expiredIssues, long activeEarns,
            long revokedEarns, long expiredEarns) {
    }
}
