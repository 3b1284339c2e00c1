package io.laurel.badge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.laurel.common.ApiResponse;
import io.laurel.common.QueryParams;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/badges/badgeMeta")
@Tag(name = "Badge definitions")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BadgeMetaResource {

    /** With the value {@code migration}, a badge may start in the past (importing history). */
    public static final String MIGRATION_HEADER = "X-CAP-BADGES-MIGRATION";

    private final BadgeMetaService badges;
    private final SecurityIdentity identity;

    BadgeMetaResource(BadgeMetaService badges, SecurityIdentity identity) {
        this.badges = badges;
        this.identity = identity;
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a badge definition",
            description = "Codes: 725 name taken in the org, 728 no owner type, 722 startOn in the past (unless "
                    + MIGRATION_HEADER + ": migration), 400 invalid fields, 404 badgeGroupId of no group of the org.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BadgeMetaRequest.class),
            examples = {
                    @ExampleObject(name = "Birthday Badge", summary = "ISSUE_EARN with images, group and custom fields "
                            + "(seed times are past: send the migration header)", value = BadgeMetaExamples.BIRTHDAY_BADGE),
                    @ExampleObject(name = "BADGE_ASDFG", summary = "EARN with a customer fixed window and four badge limits",
                            value = BadgeMetaExamples.BADGE_ASDFG) }))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeMetaResponse")))
    @APIResponse(responseCode = "400", description = "725, 728, 722 or invalid input")
    @APIResponse(responseCode = "404", description = "badgeGroupId names no group of the org")
    public Uni<ApiResponse<BadgeMetaView>> create(@Valid @NotNull BadgeMetaRequest request,
            @Parameter(description = "migration: allow a startOn in the past") @HeaderParam(MIGRATION_HEADER) String migration) {
        return badges.create(Caller.of(identity), request, isMigration(migration)).map(ApiResponse::ok);
    }

    @PUT
    @Operation(summary = "Update a badge definition (id in the body; absent fields keep their value)",
            description = "startOn changes only while UPCOMING; an owner type with an active claim stays in "
                    + "restrictedToOwners; counters and status are not writable.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeMetaResponse")))
    @APIResponse(responseCode = "400", description = "Invalid change")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    @APIResponse(responseCode = "409", description = "Changed concurrently; read again and retry")
    public Uni<ApiResponse<BadgeMetaView>> update(@Valid @NotNull BadgeMetaRequest request,
            @HeaderParam(MIGRATION_HEADER) String migration) {
        return badges.update(Caller.of(identity), request, isMigration(migration)).map(ApiResponse::ok);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a badge definition")
    @APIResponse(responseCode = "200", description = "The badge",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeMetaResponse")))
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<BadgeMetaView>> get(@PathParam("id") String id,
            @Parameter(description = "true: statistics {issued, earned, revoked, expired}")
            @QueryParam("includeStatistics") String includeStatistics) {
        return badges.get(Caller.of(identity), id, QueryParams.flag(includeStatistics, "includeStatistics", false)).map(ApiResponse::ok);
    }

    @GET
    @Operation(summary = "List badge definitions (newest first unless sortOn says otherwise)",
            description = "Filters as the vendor's list: status (ENDED is EXPIRED), earnType or badgeType, action, "
                    + "owner, claimedBy, unclaimed, name, startOn (starting at or after), expiresOn (expiring at or "
                    + "before); sortOn ID, NAME or START_DATE with order; page and size (or limit).")
    public Uni<ApiResponse<BadgeMetaView.Page>> list(
            @Parameter(description = "UPCOMING, LIVE, EXPIRED (or ENDED); comma-separated for several", example = "LIVE,UPCOMING")
            @QueryParam("status") String status,
            @Parameter(description = "EARN or ISSUE_EARN") @QueryParam("earnType") String earnType,
            @Parameter(description = "The same as earnType (the vendor's other name)") @QueryParam("badgeType") String badgeType,
            @Parameter(description = "ACTIVATED or DE_ACTIVATED") @QueryParam("action") String action,
            @Parameter(description = "An owner type in restrictedToOwners") @QueryParam("owner") String owner,
            @Parameter(description = "An owner type holding an active claim") @QueryParam("claimedBy") String claimedBy,
            @Parameter(description = "true: only badges without an active claim") @QueryParam("unclaimed") String unclaimed,
            @Parameter(description = "Part of the name, any case", example = "birthday") @QueryParam("name") String name,
            @Parameter(description = "Badges starting at or after (epoch seconds or ISO-8601)") @QueryParam("startOn") String startOn,
            @Parameter(description = "Badges expiring at or before (epoch seconds or ISO-8601)") @QueryParam("expiresOn") String expiresOn,
            @Parameter(description = "ID (default), NAME or START_DATE") @QueryParam("sortOn") String sortOn,
            @Parameter(description = "ASC or DESC (default DESC, ASC for NAME)") @QueryParam("order") String order,
            @Parameter(description = "0-based page", example = "0") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 10", example = "10") @QueryParam("size") String size,
            @Parameter(description = "The same as size (the vendor's name)") @QueryParam("limit") String limit) {
        return badges.list(Caller.of(identity), BadgeListQuery.parse(status, earnType, badgeType, action, owner,
                claimedBy, unclaimed, name, startOn, expiresOn, sortOn, order, page, size, limit)).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{id}/{activationStatus}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Activate or deactivate a badge (activationStatus: activate or deactivate); a body is ignored",
            description = "A deactivated badge is refused by issue and earn (1039) and is not AVAILABLE on walls; "
                    + "its issues and earns stay.")
    @APIResponse(responseCode = "200", description = "The badge's id and whether it is active now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeActivationResponse")))
    @APIResponse(responseCode = "400", description = "activationStatus is neither activate nor deactivate")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<BadgeMetaView.Activation>> activation(@PathParam("id") String id,
            @PathParam("activationStatus") String activationStatus) {
        return badges.activation(Caller.of(identity), id, activationStatus).map(ApiResponse::ok);
    }

    @POST
    @Path("/{id}/claim")
    @Operation(summary = "Claim the badge for an owner (idempotent)")
    @APIResponse(responseCode = "200", description = "Claimed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeClaimResponse")))
    @APIResponse(responseCode = "400", description = "714: owner type not in restrictedToOwners; 716 ownerType "
            + "missing; 717 referenceId missing")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<BadgeMetaView.ClaimAnswer>> claim(@PathParam("id") String id,
            @Valid @NotNull ClaimRequest request) {
        return badges.claim(Caller.of(identity), id, request).map(ApiResponse::ok);
    }

    @POST
    @Path("/{id}/unclaim")
    @Operation(summary = "Release an owner's claim (kept with isActive false)")
    @APIResponse(responseCode = "200", description = "Unclaimed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeClaimResponse")))
    @APIResponse(responseCode = "400", description = "737: no such active claim")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<BadgeMetaView.ClaimAnswer>> unclaim(@PathParam("id") String id,
            @Valid @NotNull ClaimRequest request) {
        return badges.unclaim(Caller.of(identity), id, request).map(ApiResponse::ok);
    }

    private static boolean isMigration(String header) {
        return header != null && header.trim().equalsIgnoreCase("migration");
    }
}
