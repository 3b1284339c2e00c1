package io.laurel.award;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.laurel.common.ApiResponse;
import io.laurel.common.ValidateOnly;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Earning badges under their limits, and revoking earns. */
@Path("/api_gateway/v1/badges/customer")
@Tag(name = "Issue and earn")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EarnResource {

    static final String SEED_EARN = """
            {
              "triggeredBy": {"ownerType": "Goodwill_Module", "referenceId": "123"},
              "customerId": 382477526,
              "requestId": "0f932928-9878-441c-a78e-c1d32235534q",
              "badgeMetaId": "658c50761c4c2b12732c3ec6"
            }""";

    private final EarnService earns;
    private final SecurityIdentity identity;

    EarnResource(EarnService earns, SecurityIdentity identity) {
        this.earns = earns;
        this.identity = identity;
    }

    @POST
    @Path("/earn")
    @Operation(summary = "Earn a badge for a customer, under the badge's limits",
            description = "Codes as issueBulk, plus 811 (HTTP 409) ISSUE_EARN badge without an active issue, 1101 a customer "
                    + "limit is reached, 1102 a badge limit is reached (the message names the limit), 1026 unknown "
                    + "customer, 400 event more than 24 h ahead.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AwardRequests.Earn.class),
            examples = @ExampleObject(name = "seed 000", value = SEED_EARN)))
    @APIResponse(responseCode = "200", description = "Earned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EarnResponse")))
    @APIResponse(responseCode = "400", description = "A request-level code, 1101 or 1102")
    @APIResponse(responseCode = "404", description = "404 unknown badge, 1026 unknown customer")
    @APIResponse(responseCode = "409", description = "Too many concurrent earns of the badge; retry")
    public Uni<RestResponse<ApiResponse<AwardViews.Earn>>> earn(@Valid @NotNull AwardRequests.Earn request,
            @Parameter(description = "true: check only, write nothing, 204 when it would succeed")
            @HeaderParam(ValidateOnly.HEADER) String validateOnly) {
        return ValidateOnly.answer(earns.earn(Caller.of(identity), request, ValidateOnly.requested(validateOnly))
                .map(earn -> earn == null ? null : ApiResponse.ok(earn)), 200);
    }

    @POST
    @Path("/earnBulk")
    @Operation(summary = "Earn a badge for up to 1,000 customers; per-customer failures do not stop the others")
    @APIResponse(responseCode = "200", description = "Earned; per-customer failures in failedEarnBadgeErrorList",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EarnBulkResponse")))
    @APIResponse(responseCode = "400", description = "A request-level code")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<AwardViews.EarnBulk>> earnBulk(@Valid @NotNull AwardRequests.EarnBulk request) {
        return earns.earnBulk(Caller.of(identity), request);
    }

    @POST
    @Path("/revokeEarn")
    @Operation(summary = "Revoke an earn; its limit slots are freed")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RevokeEarnResponse")))
    @APIResponse(responseCode = "409", description = "814: that earn is not active")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org; "
            + "1026 unknown customer")
    public Uni<ApiResponse<AwardViews.RevokeEarn>> revokeEarn(@Valid @NotNull AwardRequests.RevokeEarn request,
            @Parameter(description = "email, mobile, externalId or cardNumber: what customerId holds (default the id)")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType) {
        return earns.revokeEarn(Caller.of(identity), request, identifierType).map(ApiResponse::ok);
    }
}
