package io.laurel.badge;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.EpochTime;

/**
 * A badge definition as clients send it, to create ({@code POST}) or update ({@code PUT}, with {@code id}; absent
 * fields keep their value). Counters, status, org and claims are not part of it: clients cannot write them.
 */
@Schema(name = "BadgeMetaRequest")
public record BadgeMetaRequest(
        @Schema(description = "The badge to update (PUT only)", example = "653dea07b3cda7078c7c68ee") String id,
        @Schema(description = "Unique in the org; required to create", example = "Birthday Badge")
        @Size(min = 1, max = 200) String name,
        @Schema(example = "Make a purchase during your birthday month and get a 40% discount coupon")
        @Size(max = 4000) String description,
        @Schema(description = "Required to create, as startOn or startOnISO (which wins)") EpochTime startOn,
        EpochTime startOnISO,
        @Schema(description = "Required to create; after startOn") EpochTime expiresOn,
        EpochTime expiresOnISO,
        @Schema(description = "Required to create") EarnType earnType,
        @Schema(description = "Required to create: at least one owner type") @Valid OwnershipRequest ownership,
        @Size(max = 20) List<@NotNull @Valid ConstraintRequest> customerConstraints,
        @Size(max = 20) List<@NotNull @Valid ConstraintRequest> badgeConstraints,
        @Valid ExpiryRequest earnedBadgeExpiry,
        @Valid ExpiryRequest issuedBadgeExpiry,
        @Size(max = 20) List<@NotNull @Valid ImageRequest> images,
        @Size(max = 50) List<@NotNull @Valid TagRequest> tags,
        @Schema(example = "{\"2024\": \"true\", \"Priority\": \"1\"}")
        @Size(max = 50) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 1000) String> customFields,
        @Schema(example = "65c3600c60d9261bdd8a6410") String badgeGroupId,
        @Schema(example = "2") @PositiveOrZero @Max(1_000_000) Integer badgeRank,
        @Schema(description = "Default true") Boolean active) {

    public record OwnershipRequest(
            @Schema(example = "[\"Loyalty\"]") @Size(max = 20) List<@NotNull OwnerType> restrictedToOwners) {
    }

    /** One earn limit; which fields it needs depends on constraintType (see the contract's table). */
    public record ConstraintRequest(
            @NotNull ConstraintType constraintType,
            @Schema(description = "Letters, digits, _ and -; names the constraint's counters")
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be letters, digits, _ or -") String referenceId,
            @Positive @Max(1_000_000_000) Integer maxEarnLimit,
            @Positive @Max(1_000_000_000) Integer maxEarnForDays,
            @Positive @Max(36_500) Integer rollForDays,
            @Positive @Max(1_000_000_000) Integer maxEarnForWeeks,
            @Positive @Max(5_200) Integer rollForWeeks,
            @Positive @Max(1_000_000_000) Integer maxEarnForMonths,
            @Positive @Max(1_200) Integer rollForMonths,
            DurationType durationType,
            @Positive @Max(36_500) Integer refreshRate,
            DurationType rollType,
            @Positive @Max(36_500) Integer rollValue,
            EpochTime startDate,
            EpochTime startDateISO,
            EpochTime endDate,
            EpochTime endDateISO,
            @Size(max = 32) String cycleStatus) {
    }

    public record ExpiryRequest(
            @NotNull ExpiryType expiryType,
            EpochTime expiresOn,
            EpochTime expiresOnISO,
            DurationType relativeExpiryType,
            @Positive @Max(36_500) Integer value) {
    }

    public record ImageRequest(
            @Size(max = 200) String name,
            @Size(max = 200) String fileSvcHandle,
            @Size(max = 2048) String url,
            @NotNull ImageTag tag) {
    }

    public record TagRequest(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String value) {
    }
}
