package io.laurel.award.wall;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.badge.BadgeMetaView.BenefitView;
import io.laurel.badge.BadgeMetaView.ConstraintView;
import io.laurel.badge.BadgeMetaView.ImageView;
import io.laurel.badge.BadgeMetaView.OwnershipView;
import io.laurel.badge.BadgeMetaView.TagView;
import io.laurel.badge.EarnType;
import io.laurel.common.Paging.Pagination;

/** One badge on a customer's wall (seed 003), with this customer's earn figures. */
@Schema(name = "CustomerBadge")
public record CustomerBadgeView(
        @Schema(example = "653dea07b3cda7078c7c68ee") String badgeMetaId,
        @Schema(example = "100606") long orgId,
        @Schema(example = "Birthday Badge") String name,
        String description,
        @Schema(example = "1698557400") long startOn,
        String startOnISO,
        @Schema(example = "4872129400") long expiresOn,
        String expiresOnISO,
        List<ImageView> images,
        List<TagView> tags,
        String badgeGroupId,
        @Schema(example = "2024 Badges") String badgeGroupName,
        Integer badgeRank,
        OwnershipView ownership,
        EarnType earnType,
        @Schema(description = "What the badge gives, as defined") List<BenefitView> benefits,
        List<ConstraintView> customerConstraints,
        List<ConstraintView> badgeConstraints,
        @Schema(description = "This customer's earns that were not revoked; null when none") Long earnedCount,
        @Schema(description = "When this customer last earned it (epoch seconds)") Long lastEarnedOnDate,
        String lastEarnedOnDateISO,
        @Schema(description = "The event time of this customer's latest earn (epoch seconds)") Long lastEarnEventDate,
        String lastEarnEventDateISO,
        Map<String, String> customFields,
        boolean active) {

    @Schema(name = "CustomerBadges")
    public record Page(List<CustomerBadgeView> badges, Pagination pagination) {
    }
}
