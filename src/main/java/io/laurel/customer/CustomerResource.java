package io.laurel.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/customers")
@Tag(name = "Customers")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;
    private final SecurityIdentity identity;

    CustomerResource(CustomerService customers, SecurityIdentity identity) {
        this.customers = customers;
        this.identity = identity;
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Created; data.customerId is the new numeric id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerResponse")))
    @Operation(summary = "Create a customer with at least one identifier")
    @APIResponse(responseCode = "409", description = "An identifier is already used in the org")
    public Uni<ApiResponse<CustomerView>> create(@Valid @NotNull CustomerRequest request) {
        return customers.create(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @GET
    @Path("/{customerId}")
    @Operation(summary = "Get a customer by id, or by the identifier named in X-CAP-CUSTOMER-IDENTIFIER")
    @APIResponse(responseCode = "200", description = "The customer")
    @APIResponse(responseCode = "400", description = "1028: unknown identifier type")
    @APIResponse(responseCode = "404", description = "1026: no such customer in the caller's org")
    public Uni<ApiResponse<CustomerView>> get(
            @Parameter(description = "customerId, or the identifier's value", example = "382477526")
            @PathParam("customerId") String customerId,
            @Parameter(description = "email, mobile, externalId or cardNumber")
            @HeaderParam(CustomerLookup.IDENTIFIER_HEADER) String identifierType) {
        return customers.get(Caller.of(identity), customerId, identifierType).map(ApiResponse::ok);
    }
}
