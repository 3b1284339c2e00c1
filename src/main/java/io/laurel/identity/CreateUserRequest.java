package io.laurel.identity;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateUserRequest")
public record CreateUserRequest(
        @Schema(example = "maker.one", description = "3–128 of letters, digits and . _ @ + -; case-insensitive")
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._@+-]{3,128}", message = "must be 3 to 128 of letters, digits and . _ @ + -")
        String username,
        @Schema(example = "a-long-passphrase", description = "8 to 72 characters (bcrypt's limit)")
        @NotNull @Size(min = 8, max = 72) String password,
        @Schema(example = "[\"CanMakeRequest\"]", description = "May be empty: a plain API user")
        @NotNull Set<@NotNull Role> roles,
        @Schema(example = "maker.one@example.com") @Email @Size(max = 254) String email,
        @Schema(description = "Defaults to the caller's org; another org needs PlatformAdmin", example = "100458")
        @Positive Long orgId) {
}
