package io.laurel.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.laurel.common.ErrorCode;
import io.smallrye.mutiny.Uni;

@Path("/v3/oauth/token/generate")
@Tag(name = "Authentication")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final PasswordVerifier verifier;
    private final TokenService tokens;

    TokenResource(PasswordVerifier verifier, TokenService tokens) {
        this.verifier = verifier;
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Exchange a username (key) and password (secret) for a JWT")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "401", description = "Wrong key or secret")
    public Uni<ApiResponse<TokenView>> generate(@Valid @NotNull TokenRequest request) {
        return verifier.verify(request.key(), request.secret())
                .onItem().ifNull().failWith(() -> ErrorCode.UNAUTHORIZED.exception("Wrong key or secret"))
                .map(user -> ApiResponse.ok(tokens.issue(user)));
    }
}
