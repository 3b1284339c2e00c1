package io.laurel.award;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The vendor's import of earned badges (history), POST or PUT as its pages show both. */
@Path("/api_gateway/v1/badges/import/customerBadges")
@Tag(name = "Issue and earn")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final SecurityIdentity identity;

    ImportResource(ImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    static final String EXAMPLE = """
            [{"badgeMetaId": "654e08f2041fd452b3ef5b2e", "customerId": 382442802, "earnEventDate": 1674292011,
              "earnExpiresOn": 1705828011},
             {"badgeMetaId": "654e08f2041fd452b3ef5b2e", "customerId": 382442802,
              "earnEventDate": "2023-01-21T09:06:51Z", "earnExpiresOn": "2024-01-21T09:06:51Z"}]""";

    @POST
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ImportRequest.class),
            examples = @ExampleObject(name = "two earns", value = EXAMPLE)))
    @Operation(summary = "Import earned badges (1 to 1,000): one answer per item, the same batch again imports nothing twice",
            description = "Imported earns count toward later limits without being checked against them. An item's "
                    + "error is its own: 404 unknown badge, 1026 unknown customer, 400 a missing or bad field.")
    @APIResponse(responseCode = "200", description = "One {data, errors, warnings} per item, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ImportedEarnLine.class)))
    @APIResponse(responseCode = "400", description = "Not an array of 1 to 1,000 items")
    public Uni<List<ApiResponse<AwardViews.Imported>>> importEarns(@NotNull List<ImportRequest> items) {
        return imports.importEarns(Caller.of(identity), items);
    }

    @PUT
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ImportRequest.class),
            examples = @ExampleObject(name = "two earns", value = EXAMPLE)))
    @Operation(summary = "Import earned badges (the PUT form of the vendor's page)")
    @APIResponse(responseCode = "200", description = "One {data, errors, warnings} per item, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ImportedEarnLine.class)))
    @APIResponse(responseCode = "400", description = "Not an array of 1 to 1,000 items")
    public Uni<List<ApiResponse<AwardViews.Imported>>> importEarnsByPut(@NotNull List<ImportRequest> items) {
        return importEarns(items);
    }

    /** One answer line, for the API description. */
    @Schema(name = "ImportedEarnLine", properties = {
            @SchemaProperty(name = "data", implementation = AwardViews.Imported.class),
            @SchemaProperty(name = "errors", type = SchemaType.ARRAY),
            @SchemaProperty(name = "warnings", type = SchemaType.ARRAY) })
    static final class ImportedEarnLine {
    }
}
