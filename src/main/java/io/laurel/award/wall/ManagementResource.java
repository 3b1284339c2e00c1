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
import io.laurel.common.QueryParams;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The vendor's badge management views of a customer, for member-care screens. */
@Path("/api_gateway/v1/badges/management/{customerId}")
@Tag(name = "Badges of a customer")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ManagementResource {

    private final ManagementService management;
    private final SecurityIdentity identity;

    ManagementResource(ManagementService management, SecurityIdentity identity) {
        this.management = management;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The customer's badges with this customer's issue and earn figures (two round trips)")
    @APIResponse(responseCode = "200", description = "A page of badges",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerBadgeManagementResponse")))
    @APIResponse(responseCode = "400", description = "A parameter malformed; 1028 bad identifier type")
    @APIResponse(responseCode = "404", description = "1026 unknown customer")
    public Uni<ApiResponse<ManagementView>> view(@PathParam("customerId") String customerId,
            @Parameter(description = "email, mobile, externalId or cardNumber: what the path holds")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "EARNED, AVAILABLE, AVAILABLE_TO_ISSUE, EXPIRED; default every badge the customer "
                    + "was issued or earned") @QueryParam("badgeType") String badgeType,
            @Parameter(description = "Part of the name, any case") @QueryParam("name") String name,
            @Parameter(description = "ACTIVATED or DE_ACTIVATED") @QueryParam("action") String action,
            @Parameter(description = "UPCOMING, LIVE or EXPIRED (ENDED)") @QueryParam("badgeStatus") String badgeStatus,
            @Parameter(description = "An owner type in restrictedToOwners") @QueryParam("owner") String owner,
            @Parameter(description = "An owner type holding an active claim") @QueryParam("claimedBy") String claimedBy,
            @Parameter(description = "A badge group id") @QueryParam("groupId") String groupId,
            @Parameter(description = "Epoch seconds or ISO-8601") @QueryParam("startOn") String startOn,
            @Parameter(description = "LESS_THAN or GREATER_THAN (default)") @QueryParam("startOnOperator") String startOnOperator,
            @Parameter(description = "Epoch seconds or ISO-8601") @QueryParam("expiresOn") String expiresOn,
            @Parameter(description = "LESS_THAN (default) or GREATER_THAN") @QueryParam("expiresOnOperator") String expiresOnOperator,
            @Parameter(description = "The vendor's other name of expiresOnOperator") @QueryParam("endOnOperator") String endOnOperator,
            @Parameter(description = "EXPIRES_ON (default), LAST_MODIFIED_DATE, LAST_ISSUED_DATE, LAST_EXPIRED_BADGE, "
                    + "LAST_EARNED_EVENT_DATE, LAST_EARNED_ON_DATE") @QueryParam("sortOn") String sortOn,
            @Parameter(description = "ASC or DESC (default)") @QueryParam("order") String order,
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 10") @QueryParam("size") String size) {
        return management.view(Caller.of(identity), customerId, identifierType, ManagementQuery.parse(badgeType, name,
                action, badgeStatus, owner, claimedBy, groupId, startOn, startOnOperator, expiresOn,
                expiresOnOperator != null ? expiresOnOperator : endOnOperator, sortOn, order, page, size))
                .map(ApiResponse::ok);
    }

    @GET
    @Path("/badge/{badgeId}")
    @Operation(summary = "One badge of the customer: every issue and earn, with statistics on request")
    @APIResponse(responseCode = "200", description = "The badge and this customer's history of it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerBadgeDetailResponse")))
    @APIResponse(responseCode = "400", description = "A malformed id; includeStatistics not true or false")
    @APIResponse(responseCode = "404", description = "404 unknown badge; 1026 unknown customer")
    public Uni<ApiResponse<CustomerBadgeDetail>> badge(@PathParam("customerId") String customerId,
            @PathParam("badgeId") String badgeId,
            @Parameter(description = "email, mobile, externalId or cardNumber: what the path holds")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "true: each limit's count now, and issues and earns by status")
            @QueryParam("includeStatistics") String includeStatistics) {
        return management.badge(Caller.of(identity), customerId, identifierType, badgeId,
                QueryParams.flag(includeStatistics, "includeStatistics", false)).map(ApiResponse::ok);
    }
}
