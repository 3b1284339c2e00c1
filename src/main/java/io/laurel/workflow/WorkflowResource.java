package io.laurel.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Maker-checker requests (seeds 000 and 001). */
@Path("/api_gateway/v2/request-workflow")
@Tag(name = "Request workflow")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    static final String SEED_GOODWILL = """
            {
              "entityInfo": {"tillId": "50682289", "storeId": "50682288", "zoneId": "50682286", "conceptId": "50678331"},
              "payload": {
                "IntouchAPITask-Payload": {
                  "hostname": "",
                  "path": "/internal/goodwill/",
                  "method": "POST",
                  "pathParams": {},
                  "queryParams": {},
                  "body": {"referenceId": "ref_id_1299314173", "reason": "reason", "baseType": "POINTS",
                           "programId": 2739, "awardingTillId": 50682616, "earningEntityType": "CUSTOMER",
                           "earningEntityId": 382332518, "points": 20, "source": "API"},
                  "headers": {"Authorization": "Basic aW5kLjE6MjAyY2I5NjJhYzU5MDc1Yjk2NGIwNzE1MmQyMzRiNzA=",
                              "content-type": "application/json", "X-CAP-API-AUTH-ORG-ID": "51250"}
                }
              }
            }""";

    static final String SEED_DECISION = """
            {"requestId": "ffcf19fb-a3fd-11ee-9fa7-4650f67465b8", "actionName": "AdminTask",
             "payload": {"AdminTask-Payload": {"actionDecision": "approved", "actionMessage": "Looks right"}}}""";

    private final WorkflowService workflow;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    WorkflowResource(WorkflowService workflow, SecurityIdentity identity, ObjectMapper json) {
        this.workflow = workflow;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Path("/{requestType}")
    @Operation(summary = "Make a request (CanMakeRequest): GOODWILL-POINTS, EARN-BADGE or ISSUE-BADGE",
            description = "ValidateMakerAccess, then ValidatePayload: path and method of the type, hostname empty or "
                    + "allow-listed, the payload's org the maker's, and the body checked by its target (validate-only). "
                    + "409 when an identical request waits in AdminTask.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.Create.class),
            examples = @ExampleObject(name = "seed 001 (empty hostname: this service)", value = SEED_GOODWILL)))
    @APIResponse(responseCode = "200", description = "Waiting in AdminTask (or forwarded at once when auto-approved)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WorkflowRequestResponse")))
    @APIResponse(responseCode = "400", description = "Invalid payload, with the target's own codes")
    @APIResponse(responseCode = "403", description = "No CanMakeRequest, or the payload names another org")
    @APIResponse(responseCode = "409", description = "An identical request waits in AdminTask")
    @APIResponse(responseCode = "502", description = "The target did not answer the validation")
    public Uni<ApiResponse<WorkflowView>> create(@PathParam("requestType") String requestType,
            @Valid @NotNull WorkflowRequests.Create request) {
        return workflow.create(Caller.of(identity), requestType, request).map(ApiResponse::ok);
    }

    @PUT
    @Path("/{requestType}")
    @Operation(summary = "Approve or reject a request (CanCheckRequest, not its maker)",
            description = "Approved: the IntouchAPITask is sent; 2xx ends approved, 4xx failed, no answer or 5xx "
                    + "IntouchAPITask (retried in the background).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.Decision.class),
            examples = @ExampleObject(name = "approve", value = SEED_DECISION)))
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WorkflowRequestResponse")))
    @APIResponse(responseCode = "400", description = "Not in AdminTask, or an invalid decision")
    @APIResponse(responseCode = "403", description = "No CanCheckRequest, or the checker made the request")
    @APIResponse(responseCode = "404", description = "No such request in the org")
    public Uni<ApiResponse<WorkflowView>> decide(@PathParam("requestType") String requestType,
            @Valid @NotNull WorkflowRequests.Decision decision) {
        return workflow.decide(Caller.of(identity), requestType, decision).map(ApiResponse::ok);
    }

    @POST
    @Path("/requests/{requestId}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a request waiting for a checker",
            description = "Laurel's own: the request's maker or an OrgAdmin cancels a request still in AdminTask; it "
                    + "ends cancelled, with endTime, and is never forwarded. The body, {\"message\": \"...\"} (at "
                    + "most 500 characters), is optional; the message is kept in the request's history.")
    @APIResponse(responseCode = "200", description = "The cancelled request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WorkflowRequestResponse")))
    @APIResponse(responseCode = "400", description = "The request is no longer in AdminTask")
    @APIResponse(responseCode = "403", description = "Neither the request's maker nor an OrgAdmin")
    @APIResponse(responseCode = "404", description = "No such request in the org")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WorkflowRequests.Cancel.class)))
    public Uni<ApiResponse<WorkflowView>> cancel(@PathParam("requestId") String requestId, String body) {
        // Read here rather than by the JSON reader: a cancel without a body (and without a content type) is fine.
        return workflow.cancel(Caller.of(identity), requestId, WorkflowRequests.Cancel.message(json, body))
                .map(ApiResponse::ok);
    }

    @GET
    @Path("/requests/{requestId}")
    @Operation(summary = "Get a request")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WorkflowRequestResponse")))
    @APIResponse(responseCode = "404", description = "No such request in the org")
    public Uni<ApiResponse<WorkflowView>> get(@PathParam("requestId") String requestId) {
        return workflow.get(Caller.of(identity), requestId).map(ApiResponse::ok);
    }

    @GET
    @Path("/requests")
    @Operation(summary = "List the org's requests",
            description = "As the vendor answers it: the requests are data, and pagination {totalElements, totalPages, "
                    + "numberOfElements, number (0-based)} sits beside data.")
    @APIResponse(responseCode = "200", description = "A page of requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WorkflowView.Page.class)))
    public Uni<WorkflowView.Page> list(
            @Parameter(description = "GOODWILL-POINTS, EARN-BADGE or ISSUE-BADGE") @QueryParam("requestType") String requestType,
            @Parameter(description = "Comma-separated: AdminTask, IntouchAPITask, approved, rejected, failed, cancelled, expired")
            @QueryParam("states") String states,
            @QueryParam("userId") String userId, @QueryParam("tillId") String tillId,
            @QueryParam("storeId") String storeId, @QueryParam("zoneId") String zoneId,
            @QueryParam("conceptId") String conceptId,
            @Parameter(description = "yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss (UTC), on startTime") @QueryParam("startDate") String startDate,
            @Parameter(description = "yyyy-MM-dd (whole day) or yyyy-MM-ddTHH:mm:ss (UTC)") @QueryParam("endDate") String endDate,
            @Parameter(description = "startDate (default) or endDate") @QueryParam("sortBy") String sortBy,
            @Parameter(description = "desc (default) or asc") @QueryParam("sortOrder") String sortOrder,
            @Parameter(description = "1 to 100, default 10") @QueryParam("limit") String limit,
            @Parameter(description = "1-based page, default 1") @QueryParam("PageNo") String pageNo) {
        return workflow.list(Caller.of(identity), WorkflowQuery.parse(requestType, states, userId, tillId, storeId,
                zoneId, conceptId, startDate, endDate, sortBy, sortOrder, limit, pageNo));
    }
}
