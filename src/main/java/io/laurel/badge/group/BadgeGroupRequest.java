package io.laurel.badge.group;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Create: name and rank required. Update: any of the fields; absent ones keep their value. */
@Schema(name = "BadgeGroupRequest")
public record BadgeGroupRequest(
        @Schema(example = "2024 Badges") @NotNull(groups = OnCreate.class) @Size(min = 1, max = 200) String name,
        @Schema(example = "2", description = "Groups are shown by rank, ascending") @NotNull(groups = OnCreate.class)
        @PositiveOrZero @Max(1_000_000) Integer rank,
        @Schema(description = "Default true") Boolean isActive) {

    /** Validation group of creation: the Default checks plus the required fields. */
    public interface OnCreate extends Default {
    }
}
