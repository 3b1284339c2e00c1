package io.laurel.badge.group;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.Paging.Pagination;

@Schema(name = "BadgeGroup")
public record BadgeGroupView(
        @Schema(example = "65c3600c60d9261bdd8a6410") String id,
        @Schema(example = "100606") long orgId,
        @Schema(example = "2024 Badges") String name,
        @Schema(example = "2") int rank,
        boolean isActive,
        String createdBy,
        String createdOn,
        String lastUpdatedBy,
        String lastUpdatedOn) {

    static BadgeGroupView of(BadgeGroupDocument group) {
        return new BadgeGroupView(group.id.toHexString(), group.orgId, group.name, group.rank, group.isActive,
                group.createdBy, String.valueOf(group.createdOn), group.lastUpdatedBy,
                String.valueOf(group.lastUpdatedOn));
    }

    @Schema(name = "BadgeGroupList")
    public record Page(List<BadgeGroupView> groups, Pagination pagination) {
    }
}
