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
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Enrolment of customers in ISSUE_EARN badges (seed 002). */
@Path("/api_gateway/v1/badges/badgeMeta/customer")
@Tag(name = "Issue and earn")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    static final String SEED_ISSUE_BULK = """
            {
              "badgeMetaId": "693804d8cebb9648d8974489",
              "triggeredBy": {"ownerType": "Loyalty", "referenceId": "string"},
              "issueEventDate": "2025-11-03T21:51:00.192Z",
              "issueEventDateISO": "2025-04-23T08:14:15Z",
              "customers": [566881933, 566881934],
              "requestId": "434e0d861777711w2yyybj265"
            }""";

    private final IssueService issues;
    private final SecurityIdentity identity;

    IssueResource(IssueService issues, SecurityIdentity identity) {
        this.issues = issues;
        this.identity = identity;
    }

    @POST
    @Path("/issueBulk")
    @Operation(summary = "Issue an ISSUE_EARN badge to up to 10,000 customers",
            description = "Request codes: 804 requestId missing, 803 triggeredBy missing, 716 ownerType missing, 404 "
                    + "badge unknown, 801 not ISSUE_EARN, 1039 not active or not live, 714 ownerType not allowed, 816 "
                    + "event outside the badge, 809 requestId used. Per customer, in errors with the customerId as "
                    + "reference: 1026 unknown customer, 1040 active issue exists.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AwardRequests.IssueBulk.class),
            examples = @ExampleObject(name = "seed 002", value = SEED_ISSUE_BULK)))
    @APIResponse(responseCode = "200", description = "Issued; per-customer failures in errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "IssueBulkResponse")))
    @APIResponse(responseCode = "400", description = "A request-level code")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<RestResponse<ApiResponse<AwardViews.IssueBulk>>> issueBulk(
            @Valid @NotNull AwardRequests.IssueBulk request,
            @Parameter(description = "true: check only, write nothing, 204 when it would succeed")
            @HeaderParam(ValidateOnly.HEADER) String validateOnly) {
        return ValidateOnly.answer(issues.issueBulk(Caller.of(identity), request, ValidateOnly.requested(validateOnly)),
                200);
    }

    @POST
    @Path("/revokeIssue")
    @Operation(summary = "Revoke the active issue of up to 20 customers")
    @APIResponse(responseCode = "200", description = "One line per customer; error set where nothing was revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RevokeIssueResponse")))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "404", description = "404 (Passed badge is not found): no such badge in the org")
    public Uni<ApiResponse<AwardViews.RevokeIssue>> revokeIssue(@Valid @NotNull AwardRequests.RevokeIssue request) {
        return issues.revokeIssue(Caller.of(identity), request).map(ApiResponse::ok);
    }
}
