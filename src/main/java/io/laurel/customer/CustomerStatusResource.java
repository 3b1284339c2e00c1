package io.laurel.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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

/** The customer status API the CUSTOMER-STATUS-CHANGE request type forwards to, in the vendor's shape. */
@Path("/v2/customers/lookup/status")
@Tag(name = "Customers")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerStatusResource {

    private final CustomerService customers;
    private final SecurityIdentity identity;

    CustomerStatusResource(CustomerService customers, SecurityIdentity identity) {
        this.customers = customers;
        this.identity = identity;
    }

    @PUT
    @Operation(summary = "Set a customer's status label, found by one identifier",
            description = "The same label again changes nothing (a resend is harmless). The status and its history "
                    + "are on GET /api_gateway/v1/customers/{customerId}.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerStatusRequest.class),
            examples = @ExampleObject(name = "vendor example",
                    value = "{\"reason\": \"testing\", \"label\": \"Suspended\"}")))
    @APIResponse(responseCode = "200", description = "The customer with its status and history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerResponse")))
    @APIResponse(responseCode = "204", description = "Validate-only: it would be accepted")
    @APIResponse(responseCode = "400",
            description = "1028 unknown identifierName, or an unknown label or missing parameter")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the org")
    public Uni<RestResponse<ApiResponse<CustomerView>>> change(
            @Parameter(example = "INSTORE") @QueryParam("source") String source,
            @Parameter(description = "Accepted and ignored: Laurel has one account per source")
            @QueryParam("accountId") String accountId,
            @Parameter(description = "Accepted and ignored: the change is always applied before the answer")
            @QueryParam("use_async") String useAsync,
            @Parameter(description = "mobile, email, externalId, cardnumber, or id", example = "mobile")
            @QueryParam("identifierName") String identifierName,
            @Parameter(example = "919780375690") @QueryParam("identifierValue") String identifierValue,
            @Valid @NotNull CustomerStatusRequest request,
            @Parameter(description = "true: check only, write nothing, 204 when it would succeed")
            @HeaderParam(ValidateOnly.HEADER) String validateOnly) {
        return ValidateOnly.answer(customers.changeStatus(Caller.of(identity), source, identifierName, identifierValue,
                request, ValidateOnly.requested(validateOnly)).map(view -> view == null ? null : ApiResponse.ok(view)),
                200);
    }
}
