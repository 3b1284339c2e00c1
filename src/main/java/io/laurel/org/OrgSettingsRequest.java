package io.laurel.org;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The settings to change; an absent field stays. */
public record OrgSettingsRequest(
        @Schema(description = "IANA time zone name, such as Europe/Berlin or UTC", example = "Asia/Kolkata")
        @NotBlank @Size(max = 64) String timeZone) {
}
