package io.laurel.points;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body the request workflow forwards to /internal/goodwill/ (seed 001). */
@Schema(name = "GoodwillRequest")
public record GoodwillRequest(
        @Schema(example = "ref_id_1299314173") @NotBlank @Size(max = 128) String referenceId,
        @Schema(example = "reason") @NotBlank @Size(max = 1000) String reason,
        @Schema(example = "POINTS", description = "Only POINTS") @NotNull String baseType,
        @Schema(example = "2739") @NotNull @Positive Long programId,
        @Schema(example = "50682616") @NotNull @Positive Long awardingTillId,
        @Schema(example = "CUSTOMER", description = "Only CUSTOMER") @NotNull String earningEntityType,
        @Schema(example = "382332518", description = "The customerId") @NotNull @Positive Long earningEntityId,
        @Schema(example = "20", description = "More than 0, at most LAUREL_GOODWILL_MAX_POINTS") @NotNull @Positive Long points,
        @Schema(example = "API") @NotBlank @Size(max = 64) String source) {
}
