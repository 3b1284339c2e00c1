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

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.laurel.common.EpochTime;
import io.laurel.common.IdText;

/**
 * A badge definition as clients send it, to create ({@code POST}) or update ({@code PUT}, with {@code id}; absent
 * fields keep their value). Counters, status, org and audit fields are not part of it: clients cannot write them, and
 * a body holding them (a client sending back what it read) has them ignored. The vendor's spellings are read too:
 * {@code isActive} for {@code active}, {@code relativeExpirytype}, an expiry {@code type} and
 * {@code expireWithBadgeMeta}, a numeric {@code badgeGroupId}.
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
        @Schema(example = "65c3600c60d9261bdd8a6410") @JsonDeserialize(using = IdText.class) String badgeGroupId,
        @Schema(example = "2") @PositiveOrZero Integer badgeRank,
        @Size(max = 20) List<@NotNull @Valid BenefitRequest> benefits,
        @Schema(description = "Default true; isActive is read as the same") @JsonAlias("isActive") Boolean active) {

    /** The owner types that may use the badge, and (on create) the claims to make at once. */
    public record OwnershipRequest(
            @Schema(example = "[\"Loyalty\"]") @Size(max = 20) List<@NotNull OwnerType> restrictedToOwners,
            @Schema(description = "Create only: claims made with the badge, as the claim call would")
            @Size(max = 50) List<@NotNull @Valid ClaimRequest> claims) {
    }

    /** What the badge gives: kept and shown as sent (Laurel does not deliver benefits itself). */
    public record BenefitRequest(
            @Schema(example = "COUPON") @NotBlank @Size(max = 64) String benefitType,
            @Schema(example = "6789") Long seriesId,
            Long programId,
            Long promotionId,
            Long allocationStrategyId,
            Long expirationStrategyId,
            Long defaultTillId) {
    }

    /**
     * One earn limit; which fields it needs depends on constraintType (see the contract's table). A 0 in a number is
     * read as "not given", as the vendor's samples send it for fields a kind does not use.
     */
    public record ConstraintRequest(
            @NotNull ConstraintType constraintType,
            @Schema(description = "Letters, digits, _ and -; names the constraint's counters")
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be letters, digits, _ or -") String referenceId,
            @PositiveOrZero @Max(1_000_000_000) Integer maxEarnLimit,
            @PositiveOrZero @Max(1_000_000_000) Integer maxEarnForDays,
            @PositiveOrZero @Max(36_500) Integer rollForDays,
            @PositiveOrZero @Max(1_000_000_000) Integer maxEarnForWeeks,
            @PositiveOrZero @Max(5_200) Integer rollForWeeks,
            @PositiveOrZero @Max(1_000_000_000) Integer maxEarnForMonths,
            @PositiveOrZero @Max(1_200) Integer rollForMonths,
            DurationType durationType,
            @PositiveOrZero @Max(36_500) Integer refreshRate,
            DurationType rollType,
            @PositiveOrZero @Max(36_500) Integer rollValue,
            EpochTime startDate,
            EpochTime startDateISO,
            EpochTime endDate,
            EpochTime endDateISO,
            @Size(max = 32) String cycleStatus,
            @Schema(description = "A WEEKS fixed window's first day of the week: 1 (Monday) to 7 (Sunday) or the day's "
                    + "name (MONDAY); cycles then begin at that day's midnight in the org's time zone. Other windows "
                    + "accept and ignore it, as the vendor's samples send it", example = "1")
            @JsonDeserialize(using = IdText.class) @Size(max = 16) String startDayOfTheWeek) {
    }

    /**
     * How issued or earned badges expire. The vendor's form is read too: {@code ABSOLUTE} with {@code type}
     * {@code WITH_BADGE_META} or {@code expireWithBadgeMeta: true} is WITH_BADGE_META; {@code type} {@code FIXED_DATE}
     * is a plain ABSOLUTE.
     */
    public record ExpiryRequest(
            @NotNull ExpiryType expiryType,
            @Schema(description = "Vendor form: FIXED_DATE or WITH_BADGE_META") @Size(max = 32) String type,
            Boolean expireWithBadgeMeta,
            EpochTime expiresOn,
            EpochTime expiresOnISO,
            @JsonAlias("relativeExpirytype") DurationType relativeExpiryType,
            @Positive @Max(36_500) Integer value) {
    }

    public record ImageRequest(
            @Size(max = 200) String name,
            @Size(max = 200) String fileSvcHandle,
            @Size(max = 2048) String url,
            @NotNull ImageTag tag) {
    }

    /** A tag; a tag without a name (the vendor's generated samples send one) is kept as sent. */
    public record TagRequest(@Size(max = 100) String name, @Size(max = 1000) String value) {
    }
}
