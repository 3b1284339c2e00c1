package io.laurel.award;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.laurel.common.EpochTime;
import io.laurel.common.IdText;

/**
 * The bodies of the issue and earn calls. Required fields are checked by the services, not by annotations, because
 * each missing one has its own platform code (804 requestId, 803 triggeredBy, 716 ownerType).
 */
public final class AwardRequests {

    private AwardRequests() {
    }

    @Schema(name = "IssueBulkRequest")
    public record IssueBulk(
            @Schema(example = "693804d8cebb9648d8974489") String badgeMetaId,
            TriggeredBy triggeredBy,
            @Schema(description = "Epoch seconds or milliseconds, or ISO-8601; default now") EpochTime issueEventDate,
            @Schema(description = "ISO-8601 with offset; wins over issueEventDate", example = "2025-04-23T08:14:15Z")
            EpochTime issueEventDateISO,
            @Schema(description = "1 to 10,000 customerIds", example = "[566881933, 566881934]") List<Long> customers,
            @Schema(description = "Unique per org across issue and earn calls; text or a whole number",
                    example = "434e0d861777711w2yyybj265") @JsonDeserialize(using = IdText.class) String requestId) {
    }

    @Schema(name = "EarnRequest")
    public record Earn(
            @Schema(example = "658c50761c4c2b12732c3ec6") String badgeMetaId,
            @Schema(example = "382477526") Long customerId,
            @Schema(example = "0f932928-9878-441c-a78e-c1d32235534q", description = "Text or a whole number")
            @JsonDeserialize(using = IdText.class) String requestId,
            TriggeredBy triggeredBy,
            @Schema(description = "When the earning event happened; default now, at most 24 h ahead") EpochTime earnEventDate,
            EpochTime earnEventDateISO) {
    }

    @Schema(name = "EarnBulkRequest")
    public record EarnBulk(
            String badgeMetaId,
            @Schema(description = "1 to 1,000 customerIds") List<Long> customerIds,
            @JsonDeserialize(using = IdText.class) String requestId,
            TriggeredBy triggeredBy,
            EpochTime earnEventDate,
            EpochTime earnEventDateISO,
            @Schema(description = "Read as earnEventDate when that is absent (the vendor's earnBulk sample sends it)")
            EpochTime issueEventDate) {
    }

    /** A revokeEarn; customerId is an identifier of the kind {@code X-CAP-CUSTOMER-IDENTIFIER} names (default id). */
    @Schema(name = "RevokeEarnRequest")
    public record RevokeEarn(String badgeMetaId,
            @Schema(example = "62090013", description = "Text or number") @JsonDeserialize(using = IdText.class)
            String customerId,
            String earnedBadgeId) {
    }

    /** A revokeIssue: by customer ({@code customers}) or by issue ({@code revokeIssuals}, which wins). */
    @Schema(name = "RevokeIssueRequest")
    public record RevokeIssue(String badgeMetaId, @Schema(description = "1 to 20 customerIds") List<Long> customers,
            @Schema(description = "1 to 20 issues to revoke") List<@NotNull @Valid Issual> revokeIssuals) {
    }

    /** One issue to revoke; the customer must hold it. */
    public record Issual(
            @Schema(example = "387403362") Long customerId,
            @Schema(example = "670371e39235f02fd5d71cbe") @JsonDeserialize(using = IdText.class) String issueId) {
    }
}
