package io.laurel.award.limit;

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

/** Beyond the vendor: why was this earn refused, and how many more would pass. */
@Path("/api_gateway/v1/badges/customer/{customerId}/limits")
@Tag(name = "Issue and earn")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

    private final LimitExplainer explainer;
    private final SecurityIdentity identity;

    LimitsResource(LimitExplainer explainer, SecurityIdentity identity) {
        this.explainer = explainer;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every earn limit of a badge for a customer: the window now, its count, the room left",
            description = "Read by the code that enforces the limits: remaining is 0 exactly when earn answers 1101 "
                    + "or 1102. nextSlotAt says when a full limit lets an earn through again.")
    @APIResponse(responseCode = "200", description = "The limits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EarnLimitsResponse")))
    @APIResponse(responseCode = "400", description = "badgeMetaId missing or malformed, at malformed")
    @APIResponse(responseCode = "404", description = "404 unknown badge; 1026 unknown customer")
    public Uni<ApiResponse<LimitsView>> limits(@PathParam("customerId") String customerId,
            @Parameter(description = "email, mobile, externalId or cardNumber: what the path holds")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "Required", example = "658c50761c4c2b12732c3ec6") @QueryParam("badgeMetaId") String badgeMetaId,
            @Parameter(description = "Epoch seconds or ISO-8601; default now") @QueryParam("at") String at) {
        return explainer.explain(Caller.of(identity), customerId, identifierType, badgeMetaId, at).map(ApiResponse::ok);
    }
}
