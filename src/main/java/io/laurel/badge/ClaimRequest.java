package io.laurel.badge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ClaimRequest")
public record ClaimRequest(
        @Schema(example = "Loyalty") @NotNull OwnerType ownerType,
        @Schema(example = "626_TransactionAdd") @NotBlank @Size(max = 128) String referenceId) {
}
