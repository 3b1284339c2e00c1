package io.laurel.award;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.EpochTime;

/** One earned badge to import, as the vendor's import sends it. */
@Schema(name = "ImportedEarnRequest")
public record ImportRequest(
        @Schema(example = "654e08f2041fd452b3ef5b2e") String badgeMetaId,
        @Schema(example = "382442802") Long customerId,
        @Schema(description = "When it was earned: epoch seconds or ISO-8601") EpochTime earnEventDate,
        @Schema(description = "When the earn expires; default by the badge's earnedBadgeExpiry") EpochTime earnExpiresOn) {
}
