package io.laurel.award.wall;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.badge.BadgeMetaView.ImageView;
import io.laurel.badge.BadgeMetaView.OwnershipView;
import io.laurel.common.Paging.Pagination;

/** The vendor's badge management view of one customer: each badge with what this customer did with it. */
@Schema(name = "CustomerBadgeManagement")
public record ManagementView(List<Item> customerBadges, Pagination pagination) {

    /** One badge: its definition's headline and this customer's issue and earn figures (null when none). */
    @Schema(name = "CustomerBadgeManagementItem")
    public record Item(
            String name,
            String description,
            @Schema(example = "653dea07b3cda7078c7c68ee") String badgeMetaId,
            @Schema(description = "EARN or ISSUE_EARN") String badgeType,
            String badgeGroupId,
            String badgeGroupName,
            Integer badgeRank,
            BigDecimal createdOn,
            String createdOnISO,
            BigDecimal lastUpdatedOn,
            String lastUpdatedOnISO,
            List<ImageView> images,
            @Schema(description = "UPCOMING, LIVE or EXPIRED") String badgeStatus,
            @Schema(description = "When this customer last earned it") BigDecimal lastEarnedOn,
            String lastEarnedOnISO,
            long startsOn,
            String startsOnISO,
            long expiresOn,
            String expiresOnISO,
            @Schema(description = "This customer's earns that were not revoked") Long earnCount,
            OwnershipView ownership,
            @Schema(description = "This customer's latest issue: ACTIVE, REVOKED or EXPIRED; null when never issued")
            String issueStatus,
            BigDecimal lastIssuedOn,
            String lastIssuedOnISO,
            @Schema(description = "When that issue expires") BigDecimal issueExpiresOn,
            String issueExpiresOnISO,
            BigDecimal lastEarnedOnDate,
            String lastEarnedOnDateISO,
            BigDecimal lastEarnEventDate,
            String lastEarnEventDateISO,
            boolean active) {
    }
}
