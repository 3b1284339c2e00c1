package io.laurel.badge.group;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.EpochTime;
import io.laurel.common.Paging.Pagination;

/** A badge group as the vendor answers it: audit times as epoch seconds with ISO twins, audit users as user ids. */
@Schema(name = "BadgeGroup")
public record BadgeGroupView(
        @Schema(example = "65c3600c60d9261bdd8a6410") String id,
        @Schema(example = "100606") long orgId,
        @Schema(example = "2024 Badges") String name,
        @Schema(example = "2") int rank,
        @Schema(example = "75197372", description = "User id of the creator; null for groups made before user ids were kept")
        Long createdBy,
        @Schema(example = "1768984490.856", description = "Epoch seconds") BigDecimal createdOn,
        @Schema(example = "2026-01-21T08:34:50.856Z") String createdOnISO,
        @Schema(example = "75197372") Long lastUpdatedBy,
        @Schema(example = "1768984490.856") BigDecimal lastUpdatedOn,
        @Schema(example = "2026-01-21T08:34:50.856Z") String lastUpdatedOnISO,
        boolean isActive) {

    static BadgeGroupView of(BadgeGroupDocument group) {
        return new BadgeGroupView(group.id.toHexString(), group.orgId, group.name, group.rank, group.createdById,
                EpochTime.decimal(group.createdOn), EpochTime.iso(group.createdOn), group.lastUpdatedById,
                EpochTime.decimal(group.lastUpdatedOn), EpochTime.iso(group.lastUpdatedOn), group.isActive);
    }

    /** The vendor's list answer: {@code badgeGroups} and {@code pagination}. */
    @Schema(name = "BadgeGroupList")
    public record Page(List<BadgeGroupView> badgeGroups, Pagination pagination) {
    }
}
