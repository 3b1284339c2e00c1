package io.laurel.badge.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The group update at the path the vendor's reference and endpoint example give it, {@code PUT
 * /api_gateway/v1/badges/{groupId}}: only a group id (24 hex digits) matches, so the badge paths beside it are
 * untouched.
 */
@Path("/api_gateway/v1/badges")
@Tag(name = "Badge groups")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BadgeGroupAliasResource {

    private final BadgeGroupService groups;
    private final SecurityIdentity identity;

    BadgeGroupAliasResource(BadgeGroupService groups, SecurityIdentity identity) {
        this.groups = groups;
        this.identity = identity;
    }

    @PUT
    @Path("/{groupId: [0-9a-fA-F]{24}}")
    @Operation(summary = "Update a badge group (the vendor's path for the update)")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeGroupResponse")))
    @APIResponse(responseCode = "404", description = "No such group in the org")
    @APIResponse(responseCode = "409", description = "733: a group of this name exists in the org")
    public Uni<ApiResponse<BadgeGroupView>> update(@PathParam("groupId") String groupId,
            @Valid @NotNull BadgeGroupRequest request) {
        return groups.update(Caller.of(identity), groupId, request).map(ApiResponse::ok);
    }
}
