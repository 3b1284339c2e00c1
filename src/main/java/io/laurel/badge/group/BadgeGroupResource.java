package io.laurel.badge.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.Consumes;
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

import io.laurel.common.ApiResponse;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/badges/group")
@Tag(name = "Badge groups")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BadgeGroupResource {

    private final BadgeGroupService groups;
    private final SecurityIdentity identity;

    BadgeGroupResource(BadgeGroupService groups, SecurityIdentity identity) {
        this.groups = groups;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a badge group; its name is unique in the org (200, as the vendor answers)")
    @APIResponse(responseCode = "200", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeGroupResponse")))
    @APIResponse(responseCode = "400", description = "732: rank missing")
    @APIResponse(responseCode = "409", description = "733: a group of this name exists in the org")
    public Uni<ApiResponse<BadgeGroupView>> create(
            @Valid @ConvertGroup(from = Default.class, to = BadgeGroupRequest.OnCreate.class) @NotNull BadgeGroupRequest request) {
        return groups.create(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a badge group's name, rank or active flag")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeGroupResponse")))
    @APIResponse(responseCode = "404", description = "No such group in the org")
    @APIResponse(responseCode = "409", description = "733: a group of this name exists in the org")
    public Uni<ApiResponse<BadgeGroupView>> update(@PathParam("id") String id,
            @Valid @NotNull BadgeGroupRequest request) {
        return groups.update(Caller.of(identity), id, request).map(ApiResponse::ok);
    }

    /** The update as the vendor's page also shows it: {@code POST …/group/{id}}. */
    @POST
    @Path("/{id}")
    @Operation(summary = "Update a badge group (the vendor's POST form of the PUT)")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeGroupResponse")))
    @APIResponse(responseCode = "404", description = "No such group in the org")
    @APIResponse(responseCode = "409", description = "733: a group of this name exists in the org")
    public Uni<ApiResponse<BadgeGroupView>> updateByPost(@PathParam("id") String id,
            @Valid @NotNull BadgeGroupRequest request) {
        return update(id, request);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a badge group")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeGroupResponse")))
    @APIResponse(responseCode = "404", description = "No such group in the org")
    public Uni<ApiResponse<BadgeGroupView>> get(@PathParam("id") String id) {
        return groups.get(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @GET
    @Operation(summary = "List the org's badge groups by rank")
    public Uni<ApiResponse<BadgeGroupView.Page>> list(
            @Parameter(description = "0-based page", example = "0") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 10", example = "10") @QueryParam("size") String size,
            @Parameter(description = "ASC (default) or DESC, by rank", example = "ASC") @QueryParam("order") String order) {
        return groups.list(Caller.of(identity), Paging.parse(page, size, 10, 100), QueryParams.ascending(order, "order", true))
                .map(ApiResponse::ok);
    }
}
