package io.laurel.org;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An org's settings as answered. */
public record OrgSettingsView(
        @Schema(description = "The org") long orgId,
        @Schema(description = "IANA time zone of the org's calendar: fixed windows of DAYS, WEEKS and MONTHS begin at "
                + "its midnights and rolling windows count its days", example = "Asia/Kolkata") String timeZone) {
}
