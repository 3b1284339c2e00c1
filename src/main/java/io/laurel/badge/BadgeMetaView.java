package io.laurel.badge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.laurel.common.Paging.Pagination;

/**
 * A badge definition as the vendor answers it; times are epoch seconds with ISO-8601 UTC twins, audit times with
 * their milliseconds, audit users as user ids.
 */
@Schema(name = "BadgeMeta")
public record BadgeMetaView(
        @Schema(example = "653dea07b3cda7078c7c68ee") String id,
        @Schema(description = "The same as id", example = "653dea07b3cda7078c7c68ee") String badgeMetaId,
        @Schema(description = "The org's running number of the badge; null for badges made before it was kept",
                example = "82") Long badgeNumericId,
        @Schema(example = "100606") long orgId,
        @Schema(example = "Birthday Badge") String name,
        String description,
        @Schema(example = "1698557400") long startOn,
        @Schema(example = "2023-10-29T05:30:00Z") String startOnISO,
        @Schema(example = "4872129400") long expiresOn,
        @Schema(example = "2124-05-23T09:16:40Z") String expiresOnISO,
        BadgeStatus status,
        EarnType earnType,
        OwnershipView ownership,
        List<ConstraintView> customerConstraints,
        List<ConstraintView> badgeConstraints,
        ExpiryView earnedBadgeExpiry,
        ExpiryView issuedBadgeExpiry,
        List<ImageView> images,
        List<TagView> tags,
        Map<String, String> customFields,
        List<BenefitView> benefits,
        String badgeGroupId,
        @Schema(description = "The group's name; null without a group") String badgeGroupName,
        Integer badgeRank,
        boolean active,
        long issuedCount,
        long earnedCount,
        @Schema(example = "1713850688.811", description = "Epoch seconds") BigDecimal createdOn,
        @Schema(example = "2024-04-23T05:38:08.811Z") String createdOnISO,
        @Schema(example = "75086856", description = "User id of the creator; null for badges of earlier versions")
        Long createdBy,
        @Schema(example = "1713850688.811") BigDecimal lastUpdatedOn,
        @Schema(example = "2024-04-23T05:38:08.811Z") String lastUpdatedOnISO,
        @Schema(example = "75086856") Long lastUpdatedBy,
        @Schema(description = "With includeStatistics=true: what became of the badge's issues and earns")
        @JsonInclude(JsonInclude.Include.NON_NULL) Statistics statistics) {

    /** Live issues and earns, and those revoked or expired (includeStatistics). */
    public record Statistics(long issued, long earned, long revoked, long expired) {
    }

    /** This view with its statistics. */
    public BadgeMetaView withStatistics(Statistics counts) {
        return new BadgeMetaView(id, badgeMetaId, badgeNumericId, orgId, name, description, startOn, startOnISO,
                expiresOn, expiresOnISO, status, earnType, ownership, customerConstraints, badgeConstraints,
                earnedBadgeExpiry, issuedBadgeExpiry, images, tags, customFields, benefits, badgeGroupId,
                badgeGroupName, badgeRank, active, issuedCount, earnedCount, createdOn, createdOnISO, createdBy,
                lastUpdatedOn, lastUpdatedOnISO, lastUpdatedBy, counts);
    }

    /** The view of a stored definition, with its status at {@code now} (cycles in the org's {@code zone}). */
    public static BadgeMetaView of(BadgeMetaDocument badge, Instant now, java.time.ZoneId zone) {
        return BadgeMetaMapper.view(badge, now, zone);
    }

    public record OwnershipView(List<OwnerType> restrictedToOwners, List<ClaimView> claims) {
    }

    public record ClaimView(OwnerType ownerType, String referenceId, boolean isActive) {
    }

    /** Only the fields of its kind appear. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConstraintView(
            ConstraintType constraintType,
            String referenceId,
            DurationType durationType,
            Integer refreshRate,
            DurationType rollType,
            Integer rollValue,
            Integer maxEarnLimit,
            Integer maxEarnForDays,
            Integer rollForDays,
            Integer maxEarnForWeeks,
            Integer rollForWeeks,
            Integer maxEarnForMonths,
            Integer rollForMonths,
            String cycleStatus,
            Long startDate,
            String startDateISO,
            Long endDate,
            String endDateISO,
            @Schema(description = "A fixed window's cycle now; absent before its first and after its last")
            CurrentCycle currentCycle,
            @Schema(description = "A WEEKS fixed window's first day of the week, 1 (Monday) to 7 (Sunday)")
            Integer startDayOfTheWeek) {
    }

    /** The cycle of a fixed window that holds the time of the answer: start and (exclusive) end. */
    public record CurrentCycle(long startDate, String startDateISO, long endDate, String endDateISO) {
    }

    /**
     * An expiry in the vendor's form: {@code ABSOLUTE} with {@code type} FIXED_DATE or WITH_BADGE_META (then
     * {@code expireWithBadgeMeta} true and {@code expiresOn} null), {@code RELATIVE} with {@code relativeExpirytype}
     * (the vendor's spelling; {@code relativeExpiryType}, Laurel's earlier one, carries the same) and {@code value},
     * or {@code NEVER}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpiryView(
            @Schema(example = "ABSOLUTE") String expiryType,
            @Schema(example = "WITH_BADGE_META") String type,
            Boolean expireWithBadgeMeta,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long expiresOn,
            String expiresOnISO,
            @JsonProperty("relativeExpirytype") DurationType relativeExpirytype,
            DurationType relativeExpiryType,
            Integer value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BenefitView(String benefitType, Long seriesId, Long programId, Long promotionId,
            Long allocationStrategyId, Long expirationStrategyId, Long defaultTillId) {
    }

    /** An activation's answer: the vendor's fields. */
    @Schema(name = "BadgeActivation")
    public record Activation(String id, boolean isActive) {
    }

    /** A claim's answer: the vendor's fields. */
    @Schema(name = "BadgeClaim")
    public record ClaimAnswer(String badgeMetaId, OwnerType ownerType, String referenceId, boolean isActive) {
    }

    public record ImageView(String name, String fileSvcHandle, String url, ImageTag tag) {
    }

    public record TagView(String name, String value) {
    }

    /** The vendor's list answer: {@code metaBasicDetails} and {@code pagination}. */
    @Schema(name = "BadgeMetaList")
    public record Page(List<BadgeMetaView> metaBasicDetails, Pagination pagination) {
    }
}
