package io.laurel.common;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The API's OpenAPI description: the platform's four ways to authenticate. */
@OpenAPIDefinition(
        info = @Info(title = "Laurel loyalty API", version = "0.1.0",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = { @SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer"),
                @SecurityRequirement(name = "oauthToken"), @SecurityRequirement(name = "uiToken") })
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic"),
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT"),
        @SecurityScheme(securitySchemeName = "oauthToken", type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "X-CAP-API-OAUTH-TOKEN"),
        @SecurityScheme(securitySchemeName = "uiToken", type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "X-CAP-UI-AUTH-TOKEN") })
public class LaurelApplication extends Application {
}
