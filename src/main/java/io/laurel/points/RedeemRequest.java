package io.laurel.points;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The body of POST /v1.1/points/redeem in the vendor's shape: {@code {"root": {"redeem": {...}}}}. */
@Schema(name = "PointsRedeemRequest")
public record RedeemRequest(@NotNull @Valid Root root) {

    public record Root(@NotNull @Valid Redeem redeem) {
    }

    public record Redeem(
            @Schema(example = "100", type = SchemaType.STRING,
                    description = "Whole points above zero, as a string or a number")
            @JsonProperty("points_redeemed") @NotNull JsonNode pointsRedeemed,
            @NotNull @Valid Customer customer,
            @Schema(example = "2020-04-15 23:01:46", description = "Kept as given")
            @JsonProperty("redemption_time") @Size(max = 40) String redemptionTime,
            @Schema(example = "numbr892723330323421971280")
            @JsonProperty("transaction_number") @Size(max = 128) String transactionNumber,
            @Schema(example = "Redemption by SMS") @Size(max = 500) String notes,
            @Schema(example = "ACR-583523332039150121", description = "The idempotency key (transaction_number "
                    + "when absent): a repeat is 744 and redeems nothing")
            @JsonProperty("external_reference_number") @Size(max = 128) String externalReferenceNumber) {
    }

    /** One identifier of the customer. */
    public record Customer(
            @Schema(example = "9877792149") @Size(max = 64) String mobile,
            @Size(max = 254) String email,
            @JsonProperty("external_id") @Size(max = 128) String externalId,
            @Schema(description = "Laurel's numeric customerId") @Size(max = 20) String id) {
    }
}
