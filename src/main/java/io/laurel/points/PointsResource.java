package io.laurel.points;

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
import io.laurel.common.Paging;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/points/customer")
@Tag(name = "Goodwill points")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PointsResource {

    private final GoodwillService goodwill;
    private final SecurityIdentity identity;

    PointsResource(GoodwillService goodwill, SecurityIdentity identity) {
        this.goodwill = goodwill;
        this.identity = identity;
    }

    @GET
    @Path("/{customerId}")
    @Operation(summary = "A customer's goodwill balance and allocations, newest first")
    @APIResponse(responseCode = "200", description = "Balance and a page of allocations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PointsResponse")))
    @APIResponse(responseCode = "400", description = "1028 unknown identifier type, or an invalid parameter")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the org")
    public Uni<ApiResponse<GoodwillViews.Points>> points(
            @PathParam("customerId") String customerId,
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType,
            @Parameter(description = "Only this program; all programs when absent", example = "2739")
            @QueryParam("programId") String programId,
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 20") @QueryParam("size") String size) {
        return goodwill.points(Caller.of(identity), customerId, identifierType, programId, Paging.parse(page, size, 20, 100))
                .map(ApiResponse::ok);
    }
}
