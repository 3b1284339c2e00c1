package io.laurel.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenRequest")
public record TokenRequest(
        @Schema(description = "Username", example = "loyalty.admin") @NotBlank @Size(max = 128) String key,
        @Schema(description = "Password", example = "change-me-now") @NotBlank @Size(max = 128) String secret) {
}
