package io.laurel.award.limit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
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

/** The vendor's getFixedWindowDetails: a badge's fixed-window cycles, with the earns counted in each. */
@Path("/api_gateway/v1/badges/badgeMeta/getFixedWindowDetails")
@Tag(name = "Badge definitions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FixedWindowResource {

    private final FixedWindowService windows;
    private final SecurityIdentity identity;

    FixedWindowResource(FixedWindowService windows, SecurityIdentity identity) {
        this.windows = windows;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The cycles of a badge's fixed windows in a range, with their status and earn counts",
            description = "Cycles are numbered and counted as the earn limits count them: cycle n runs from the "
                    + "window's start plus n × refreshRate units to the next cycle's start (endDate, exclusive).")
    @APIResponse(responseCode = "200", description = "A page of cycles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FixedWindowDetailsResponse")))
    @APIResponse(responseCode = "400", description = "badgeMetaId missing or a parameter malformed")
    @APIResponse(responseCode = "404", description = "404 unknown badge; 1026 unknown customer")
    public Uni<ApiResponse<FixedWindowView>> details(
            @Parameter(description = "Required", example = "69381220cebb9648d8974518") @QueryParam("badgeMetaId") String badgeMetaId,
            @Parameter(description = "BADGE, CUSTOMER or ALL (default)") @QueryParam("constraintType") String constraintType,
            @Parameter(description = "Whose customer-window earns to count") @QueryParam("customerId") String customerId,
            @Parameter(description = "email, mobile, externalId or cardNumber: what customerId holds")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "Only this window (its referenceId)") @QueryParam("fixedWindowCycleReferenceId") String referenceId,
            @Parameter(description = "true: each cycle's earn count") @QueryParam("includeEarnCount") String includeEarnCount,
            @Parameter(description = "Epoch seconds or ISO-8601") @QueryParam("startDate") String startDate,
            @Parameter(description = "Epoch seconds or ISO-8601") @QueryParam("endDate") String endDate,
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 10") @QueryParam("size") String size) {
        return windows.details(Caller.of(identity), FixedWindowService.Query.parse(badgeMetaId, constraintType,
                customerId, identifierType, referenceId, includeEarnCount, startDate, endDate, page, size))
                .map(ApiResponse::ok);
    }
}
