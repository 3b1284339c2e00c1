package io.laurel.identity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Token")
public record TokenView(
        @Schema(description = "RS256 JWT; send it as X-CAP-API-OAUTH-TOKEN, X-CAP-UI-AUTH-TOKEN or Authorization: Bearer")
        String accessToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Seconds until the token expires", example = "3600") long expiresIn) {
}
