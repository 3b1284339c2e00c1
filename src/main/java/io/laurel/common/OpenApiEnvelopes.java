package io.laurel.common;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Makes the envelope visible in the API description: each generic {@code ApiResponse<T>} schema is named after its
 * data ({@code CustomerResponse}, …), a response annotated with {@code @Schema(ref = "XResponse")} gets that envelope
 * around schema {@code X}, and every 4xx/5xx response of every operation carries {@code ErrorResponse}.
 */
public class OpenApiEnvelopes implements OASFilter {

    private static final String PREFIX = "#/components/schemas/";
    private static final String ERROR_RESPONSE = "ErrorResponse";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = new LinkedHashMap<>(openAPI.getComponents().getSchemas());
        Map<String, String> renamed = new HashMap<>();
        schemas.forEach((name, schema) -> {
            Schema data = schema.getProperties() == null ? null : schema.getProperties().get("data");
            if (name.startsWith("ApiResponse") && data != null && data.getRef() != null) {
                renamed.put(PREFIX + name, data.getRef().substring(PREFIX.length()) + "Response");
            }
        });
        renamed.forEach((ref, name) -> schemas.put(name, schemas.remove(ref.substring(PREFIX.length()))));
        schemas.put(ERROR_RESPONSE, errorResponse());
        openAPI.getComponents().setSchemas(schemas);

        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(operation -> describe(operation, renamed, schemas)));
        openAPI.getComponents().setSchemas(schemas);
    }

    private static void describe(Operation operation, Map<String, String> renamed, Map<String, Schema> schemas) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                response.getContent().getMediaTypes().values().forEach(media -> {
                    rename(media, renamed);
                    addEnvelope(media, schemas);
                });
            }
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(json(OASFactory.createSchema().ref(PREFIX + ERROR_RESPONSE)));
            }
        });
    }

    private static void rename(MediaType media, Map<String, String> renamed) {
        Schema schema = media.getSchema();
        if (schema != null && schema.getRef() != null && renamed.containsKey(schema.getRef())) {
            schema.setRef(PREFIX + renamed.get(schema.getRef()));
        }
    }

    /** {@code XResponse} = the envelope around {@code X}, built when a response names it and X is known. */
    private static void addEnvelope(MediaType media, Map<String, Schema> schemas) {
        String ref = media.getSchema() == null ? null : media.getSchema().getRef();
        if (ref == null || !ref.startsWith(PREFIX) || !ref.endsWith("Response")) {
            return;
        }
        String name = ref.substring(PREFIX.length());
        String data = name.substring(0, name.length() - "Response".length());
        if (!schemas.containsKey(name) && schemas.containsKey(data)) {
            schemas.put(name, envelope(OASFactory.createSchema().ref(PREFIX + data)));
        }
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType().schema(schema));
    }

    private static Schema errorResponse() {
        return envelope(OASFactory.createSchema().addType(Schema.SchemaType.NULL))
                .description("A failure: data is null and errors holds at least one item");
    }

    private static Schema envelope(Schema data) {
        Schema errors = OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref(PREFIX + "ApiError"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("data", data)
                .addProperty("errors", errors)
                .addProperty("warnings", errors);
    }
}
