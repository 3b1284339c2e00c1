package io.laurel.webhook;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.laurel.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed({ Roles.ORG_ADMIN, Roles.PLATFORM_ADMIN })
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService webhooks;
    private final Deliveries deliveries;
    private final SecurityIdentity identity;

    WebhookResource(WebhookService webhooks, Deliveries deliveries, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to events",
            description = "The URL's origin must be one of LAUREL_WEBHOOKS_ALLOWED_ORIGINS. The answer carries the "
                    + "signing secret (whsec_…), shown this once.")
    public Uni<ApiResponse<WebhookView>> create(WebhookRequest request) {
        return webhooks.create(Caller.of(identity), body(request)).map(ApiResponse::ok);
    }

    @GET
    @Operation(summary = "The org's webhook subscriptions (never their secrets)")
    public Uni<ApiResponse<List<WebhookView>>> list() {
        return webhooks.list(Caller.of(identity)).map(ApiResponse::ok);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One webhook subscription (never its secret)")
    public Uni<ApiResponse<WebhookView>> get(@PathParam("id") String id) {
        return webhooks.get(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a subscription's url, eventTypes or active flag (fields left out are kept)")
    public Uni<ApiResponse<WebhookView>> update(@PathParam("id") String id, WebhookRequest request) {
        return webhooks.update(Caller.of(identity), id, body(request)).map(ApiResponse::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a subscription")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") String id) {
        return webhooks.delete(Caller.of(identity), id).map(done -> ApiResponse.ok(null));
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Operation(summary = "A new signing secret, shown this once",
            description = "The replaced secret keeps signing beside the new one for LAUREL_WEBHOOKS_SECRET_GRACE "
                    + "(24 h), so receivers can switch without missing a message.")
    public Uni<ApiResponse<WebhookView>> rotate(@PathParam("id") String id) {
        return webhooks.rotateSecret(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a signed webhook.ping to the subscription now",
            description = "Answers the delivery: DELIVERED on a 2xx, else PENDING with the receiver's answer (retried "
                    + "with backoff) or FAILED.")
    public Uni<ApiResponse<DeliveryView>> test(@PathParam("id") String id) {
        return deliveries.ping(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The subscription's latest deliveries (100, newest first), with the receiver's last answer")
    public Uni<ApiResponse<List<DeliveryView>>> deliveries(@PathParam("id") String id) {
        return deliveries.list(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Deliver a message again (same webhook-id), delivered or failed ones included")
    public Uni<ApiResponse<DeliveryView>> retry(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return deliveries.retry(Caller.of(identity), id, deliveryId).map(ApiResponse::ok);
    }

    private static WebhookRequest body(WebhookRequest request) {
        if (request == null) {
            throw io.laurel.common.ErrorCode.INVALID_INPUT.exception("A JSON body is required", "body");
        }
        return request;
    }
}
