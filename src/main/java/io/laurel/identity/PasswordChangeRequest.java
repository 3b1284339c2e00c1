package io.laurel.identity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordChangeRequest")
public record PasswordChangeRequest(
        @Schema(example = "the-old-passphrase") @NotNull @Size(max = 72) String currentPassword,
        @Schema(example = "a-new-long-passphrase", description = "8 to 72 characters (bcrypt's limit)")
        @NotNull @Size(min = 8, max = 72) String newPassword) {
}
