package io.laurel.badge.schema;

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

import io.laurel.common.ApiResponse;
import io.laurel.common.Paging;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The vendor's badge custom-field definitions and tag schema (orgMeta). */
@Path("/api_gateway/v1/badges")
@Tag(name = "Badge definitions")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    private final SchemaService schemas;
    private final SecurityIdentity identity;

    SchemaResource(SchemaService schemas, SecurityIdentity identity) {
        this.schemas = schemas;
        this.identity = identity;
    }

    @POST
    @Path("/customField")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SchemaViews.FieldRequest.class), examples = @ExampleObject(name = "a date",
                    value = "{\"name\": \"CF3 date\", \"isMandatory\": true, \"defaultValue\": \"2001-01-18T09:09:09Z\", "
                            + "\"dataType\": \"DATE\"}")))
    @Operation(summary = "Define a badge custom field (name unique in the org)")
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeCustomFieldResponse")))
    @APIResponse(responseCode = "400", description = "name or dataType missing, defaultValue not of the type")
    @APIResponse(responseCode = "409", description = "The name is taken in the org")
    public Uni<ApiResponse<SchemaViews.Field>> createField(@NotNull SchemaViews.FieldRequest request) {
        return schemas.createField(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @GET
    @Path("/customField")
    @Operation(summary = "The org's badge custom-field definitions")
    @APIResponse(responseCode = "200", description = "A page of definitions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeCustomFieldListResponse")))
    public Uni<ApiResponse<SchemaViews.FieldPage>> listFields(
            @Parameter(description = "0-based page") @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 50") @QueryParam("size") String size) {
        return schemas.listFields(Caller.of(identity), Paging.parse(page, size, 50, 100)).map(ApiResponse::ok);
    }

    @GET
    @Path("/customField/{id}")
    @Operation(summary = "One badge custom-field definition")
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeCustomFieldResponse")))
    @APIResponse(responseCode = "404", description = "No such definition in the org")
    public Uni<ApiResponse<SchemaViews.Field>> getField(@PathParam("id") String id) {
        return schemas.getField(Caller.of(identity), id).map(ApiResponse::ok);
    }

    @PUT
    @Path("/customField/{id}")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SchemaViews.FieldRequest.class), examples = @ExampleObject(name = "the vendor's",
                    value = "{\"name\": \"CF32 date\", \"isMandatory\": false, \"defaultValue\": \"cgvhjb\", "
                            + "\"isActive\": true, \"dataType\": \"STRING\"}")))
    @Operation(summary = "Change a badge custom-field definition (absent fields kept)")
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeCustomFieldResponse")))
    @APIResponse(responseCode = "404", description = "No such definition in the org")
    @APIResponse(responseCode = "409", description = "The name is taken in the org")
    public Uni<ApiResponse<SchemaViews.Field>> updateField(@PathParam("id") String id,
            @NotNull SchemaViews.FieldRequest request) {
        return schemas.updateField(Caller.of(identity), id, request).map(ApiResponse::ok);
    }

    static final String ORG_META_EXAMPLE = """
            {"tags": [{"key": "Type", "dataType": "string", "description": "Type of badge (Exclusive, Regular)",
              "mandatory": false},
              {"key": "Priority", "dataType": "integer", "description": "Priority of the badge", "mandatory": false}]}""";

    @POST
    @Path("/orgMeta")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SchemaViews.OrgMetaRequest.class), examples = @ExampleObject(name = "two tags",
                    value = ORG_META_EXAMPLE)))
    @Operation(summary = "Create the org's tag schema; a second time is the vendor's 999999 (409)")
    @APIResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeOrgMetaResponse")))
    @APIResponse(responseCode = "409", description = "999999: the org has a schema; use PUT")
    public Uni<ApiResponse<SchemaViews.OrgMeta>> createOrgMeta(@NotNull SchemaViews.OrgMetaRequest request) {
        return schemas.createOrgMeta(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @PUT
    @Path("/orgMeta")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SchemaViews.OrgMetaRequest.class), examples = @ExampleObject(name = "two tags",
                    value = ORG_META_EXAMPLE)))
    @Operation(summary = "Replace the org's tag schema")
    @APIResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeOrgMetaResponse")))
    public Uni<ApiResponse<SchemaViews.OrgMeta>> updateOrgMeta(@NotNull SchemaViews.OrgMetaRequest request) {
        return schemas.updateOrgMeta(Caller.of(identity), request).map(ApiResponse::ok);
    }

    @GET
    @Path("/orgMeta")
    @Operation(summary = "The org's tag schema")
    @APIResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BadgeOrgMetaResponse")))
    @APIResponse(responseCode = "404", description = "The org has no tag schema")
    public Uni<ApiResponse<SchemaViews.OrgMeta>> getOrgMeta() {
        return schemas.getOrgMeta(Caller.of(identity)).map(ApiResponse::ok);
    }
}
