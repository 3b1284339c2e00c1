package io.laurel.points;

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

import io.laurel.common.ValidateOnly;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The internal goodwill resource the request workflow forwards approved GOODWILL-POINTS tasks to (seed 001). */
@Path("/internal/goodwill")
@Tag(name = "Goodwill points")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GoodwillResource {

    static final String SEED_BODY = """
            {
              "referenceId": "ref_id_1299314173",
              "reason": "reason",
              "baseType": "POINTS",
              "programId": 2739,
              "awardingTillId": 50682616,
              "earningEntityType": "CUSTOMER",
              "earningEntityId": 382332518,
              "points": 20,
              "source": "API"
            }""";

    private final GoodwillService goodwill;
    private final SecurityIdentity identity;

    GoodwillResource(GoodwillService goodwill, SecurityIdentity identity) {
        this.goodwill = goodwill;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Allocate goodwill points to a customer",
            description = "The org is the credentials' (X-CAP-API-AUTH-ORG-ID must match it). 744 when the "
                    + "referenceId was already used in the org; the balance is then unchanged.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GoodwillRequest.class),
            examples = @ExampleObject(name = "seed 001", value = SEED_BODY)))
    @APIResponse(responseCode = "201", description = "Allocated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GoodwillViews.Created.class)))
    @APIResponse(responseCode = "400", description = "744 reference used, or invalid input")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the org")
    public Uni<RestResponse<GoodwillViews.Created>> allocate(@Valid @NotNull GoodwillRequest request,
            @Parameter(description = "true: check only, write nothing, 204 when it would succeed")
            @HeaderParam(ValidateOnly.HEADER) String validateOnly) {
        return ValidateOnly.answer(goodwill.allocate(Caller.of(identity), request, ValidateOnly.requested(validateOnly)),
                201);
    }
}
