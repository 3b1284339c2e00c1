package io.laurel.badge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.laurel.common.Paging.Pagination;

/** A badge definition as the API shows it; times are epoch seconds with ISO-8601 UTC twins. */
@Schema(name = "BadgeMeta")
public record BadgeMetaView(
        @Schema(example = "653dea07b3cda7078c7c68ee") String id,
        @Schema(description = "The same as id", example = "653dea07b3cda7078c7c68ee") String badgeMetaId,
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
        String badgeGroupId,
        Integer badgeRank,
        boolean active,
        long issuedCount,
        long earnedCount,
        String createdOn,
        String createdBy,
        String lastUpdatedOn,
        String lastUpdatedBy) {

    /** The view of a stored definition, with its status at {@code now}. */
    public static BadgeMetaView of(BadgeMetaDocument badge, Instant now) {
        return BadgeMetaMapper.view(badge, now);
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
            String endDateISO) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExpiryView(ExpiryType expiryType, Long expiresOn, String expiresOnISO,
            DurationType relativeExpiryType, Integer value) {
    }

    public record ImageView(String name, String fileSvcHandle, String url, ImageTag tag) {
    }

    public record TagView(String name, String value) {
    }

    @Schema(name = "BadgeMetaList")
    public record Page(List<BadgeMetaView> badges, Pagination pagination) {
    }
}
