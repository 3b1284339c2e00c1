package io.laurel.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of PUT /v2/customers/lookup/status, as the vendor's customer status change request sends it. */
@Schema(name = "CustomerStatusRequest")
public record CustomerStatusRequest(
        @Schema(example = "testing") @Size(max = 500) String reason,
        @Schema(example = "Suspended", description = "One of laurel.customers.status-labels")
        @NotBlank @Size(max = 64) String label) {
}
