package io.laurel.award.wall;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A customer's badge wall (seed 003). */
@Path("/api_gateway/v1/badges/customer")
@Tag(name = "Customer badges")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CustomerBadgesResource {

    private final CustomerBadgesService wall;
    private final SecurityIdentity identity;

    CustomerBadgesResource(CustomerBadgesService wall, SecurityIdentity identity) {
        this.wall = wall;
        this.identity = identity;
    }

    @GET
    @Path("/{customerId}")
    @Operation(summary = "The badges of a customer: available to issue or earn, earned, expired",
            description = "sortOn=RANK: grouped badges first by group rank, inside a group ranked badges by rank then "
                    + "unranked by expiresOn descending; then ungrouped badges the same way. LAST_EARNED_ON_DATE and "
                    + "LAST_EARNED_EVENT_DATE: newest first. Default: expiresOn descending.")
    @APIResponse(responseCode = "200", description = "A page of badges",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerBadgesResponse")))
    @APIResponse(responseCode = "400", description = "1028 unknown identifier type, or an invalid parameter")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the org")
    public Uni<ApiResponse<CustomerBadgeView.Page>> badges(
            @Parameter(description = "customerId, or the identifier's value", example = "62407752")
            @PathParam("customerId") String customerId,
            @Parameter(description = "email, mobile, externalId or cardNumber")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "AVAILABLE_TO_ISSUE (default), AVAILABLE, EARNED, EXPIRED")
            @QueryParam("badgeType") String badgeType,
            @Parameter(description = "RANK, LAST_EARNED_ON_DATE, LAST_EARNED_EVENT_DATE") @QueryParam("sortOn") String sortOn,
            @Parameter(description = "true adds expired badges") @QueryParam("includeExpired") String includeExpired,
            @Parameter(description = "1 to 100, default 10") @QueryParam("limit") String limit,
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "Only badges of this group", example = "65c3600c60d9261bdd8a6410")
            @QueryParam("groupId") String groupId) {
        WallQuery query = WallQuery.parse(badgeType, sortOn, includeExpired, groupId, page, limit);
        return wall.wall(Caller.of(identity), customerId, identifierType, query).map(ApiResponse::ok);
    }
}
