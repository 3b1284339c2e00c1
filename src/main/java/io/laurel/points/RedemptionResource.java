package io.laurel.points;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.laurel.common.ApiResponse;
import io.laurel.common.ValidateOnly;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Points redemption, in the vendor's v1.1 request shape: the target of POINTS-REDEMPTION requests. */
@Path("/v1.1/points/redeem")
@Tag(name = "Goodwill points")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

    static final String VENDOR_BODY = """
            {
              "root": {
                "redeem": {
                  "points_redeemed": "100",
                  "customer": { "mobile": "9877792149" },
                  "redemption_time": "2020-04-15 23:01:46",
                  "transaction_number": "numbr892723330323421971280",
                  "notes": "Redemption by SMS",
                  "external_reference_number": "ACR-583523332039150121"
                }
              }
            }""";

    private final RedemptionService redemptions;
    private final SecurityIdentity identity;

    RedemptionResource(RedemptionService redemptions, SecurityIdentity identity) {
        this.redemptions = redemptions;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Redeem a customer's points",
            description = "Atomic: never below zero, whatever runs at the same time. Idempotent on "
                    + "external_reference_number (transaction_number when absent): a repeat is 744 and redeems "
                    + "nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RedeemRequest.class),
            examples = @ExampleObject(name = "vendor example", value = VENDOR_BODY)))
    @APIResponse(responseCode = "200", description = "Redeemed; data has the redemption id and the balance after it")
    @APIResponse(responseCode = "204", description = "Validate-only: it would be accepted")
    @APIResponse(responseCode = "400", description = "1210 not enough points, 744 reference used, or invalid input")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the org")
    public Uni<RestResponse<ApiResponse<GoodwillViews.Redeemed>>> redeem(
            @Parameter(description = "Accepted and ignored: every check always runs") @QueryParam("skip_validation")
            String skipValidation,
            @Parameter(description = "Accepted; answers are always JSON") @QueryParam("format") String format,
            @Valid @NotNull RedeemRequest request,
            @Parameter(description = "true: check only, write nothing, 204 when it would succeed")
            @HeaderParam(ValidateOnly.HEADER) String validateOnly) {
        return ValidateOnly.answer(redemptions.redeem(Caller.of(identity), request.root().redeem(),
                ValidateOnly.requested(validateOnly)).map(done -> done == null ? null : ApiResponse.ok(done)), 200);
    }
}
