package io.laurel.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** What a user does for themselves, whatever their roles. */
@Path("/api_gateway/v1/users/me")
@Tag(name = "Users")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final UserService users;
    private final SecurityIdentity identity;

    AccountResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @PUT
    @Path("/password")
    @Operation(summary = "Change the caller's own password",
            description = "Needs the current password. Tokens issued before the change stop working.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserResponse")))
    @APIResponse(responseCode = "400", description = "The current password is wrong, or the new one is invalid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorResponse")))
    public Uni<ApiResponse<UserView>> changePassword(@Valid @NotNull PasswordChangeRequest request) {
        return users.changePassword(Caller.of(identity), request).map(ApiResponse::ok);
    }
}
