package io.laurel.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.laurel.common.ApiResponse;
import io.laurel.common.Paging;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/admin/users")
@Tag(name = "Users")
@RolesAllowed({ Roles.ORG_ADMIN, Roles.PLATFORM_ADMIN })
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserResponse")))
    @Operation(summary = "Create a user of the caller's org (OrgAdmin), or of any org (PlatformAdmin)")
    @APIResponse(responseCode = "409", description = "Username already exists")
    public Uni<ApiResponse<UserView>> create(@Valid @NotNull CreateUserRequest request) {
        return users.create(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{userId}")
    @Operation(summary = "Change a user's roles, email or active flag",
            description = "Absent fields stay. Tokens the user already holds follow the change: at once on this "
                    + "instance, within LAUREL_IDENTITY_REFRESH on the others.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserResponse")))
    @APIResponse(responseCode = "404", description = "No such user in the caller's org")
    public Uni<ApiResponse<UserView>> update(@PathParam("userId") String userId,
            @Valid @NotNull UpdateUserRequest request) {
        return users.update(Caller.of(identity), userIdOf(userId), request).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{userId}")
    @Operation(summary = "Deactivate a user", description = "The record stays for audit; the user's Basic logins and "
            + "every token it holds fail from now on.")
    @APIResponse(responseCode = "200", description = "Deactivated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserResponse")))
    @APIResponse(responseCode = "404", description = "No such user in the caller's org")
    public Uni<ApiResponse<UserView>> deactivate(@PathParam("userId") String userId) {
        return users.deactivate(Caller.of(identity), userIdOf(userId)).map(ApiResponse::ok);
    }

    private static long userIdOf(String text) {
        return Paging.parseInt("userId", text, 0, 1, Integer.MAX_VALUE);
    }

    @GET
    @Operation(summary = "List the users of the caller's org")
    public Uni<ApiResponse<UserView.Page>> list(
            @Parameter(description = "0-based page", example = "0") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 20", example = "20") @QueryParam("size") String size) {
        return users.list(Caller.of(identity), Paging.parse(page, size, 20, 100)).map(ApiResponse::ok);
    }
}
