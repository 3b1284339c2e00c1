package io.laurel.identity;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a user; absent fields stay as they are. */
@Schema(name = "UpdateUserRequest")
public record UpdateUserRequest(
        @Schema(example = "[\"CanCheckRequest\"]", description = "The user's roles from now on (replaces them); may be empty")
        Set<@NotNull Role> roles,
        @Schema(example = "checker.one@example.com", description = "Empty removes it") @Email @Size(max = 254) String email,
        @Schema(example = "false", description = "false deactivates (as DELETE does), true activates again") Boolean active) {
}
