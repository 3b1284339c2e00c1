package io.laurel.badge.group;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: name and rank required (rank missing is the vendor's 732). Fields the answer has but a request cannot set (id, orgId, audit fields) are ignored, so a client can send back what it read. Update: any of the fields; absent ones keep their value. */
@Schema(name = "BadgeGroupRequest")
public record BadgeGroupRequest(
        @Schema(example = "2024 Badges") @NotNull(groups = OnCreate.class) @Size(min = 1, max = 200) String name,
        @Schema(example = "2", description = "Required to create (732 when missing); groups are shown by rank, ascending")
        @PositiveOrZero Integer rank,
        @Schema(description = "Default true") Boolean isActive) {

    /** Validation group of creation: the Default checks plus the required fields. */
    public interface OnCreate extends Default {
    }
}
