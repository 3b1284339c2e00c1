package io.laurel.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import io.laurel.support.Orgs;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Sends a vendor sample request as written (only ids and dates replaced: {@code ${name}} placeholders) and checks
 * the answer's status, code and shape against the vendor's sample answer.
 */
final class Vendor {

    static final long DAY = 86_400;

    private Vendor() {
    }

    /** The sample with each {@code ${key}} replaced by its value. */
    static String fill(String sample, Map<String, ?> values) {
        String filled = sample;
        for (Map.Entry<String, ?> value : values.entrySet()) {
            filled = filled.replace("${" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        if (filled.contains("${")) {
            throw new IllegalArgumentException("unfilled placeholder in " + filled);
        }
        return filled;
    }

    static RequestSpecification as(long org) {
        return Orgs.as(org).contentType(ContentType.JSON);
    }

    /** The answer after checking status and, when the sample is given, every field and type it shows. */
    static Response expect(Response response, int status, String sampleAnswer) {
        assertEquals(status, response.statusCode(), () -> "status; answer: " + response.asString());
        if (sampleAnswer != null) {
            VendorShape.assertShape(sampleAnswer, response.asString());
        }
        return response;
    }

    /** The answer after checking status, the envelope's first error code, and the vendor's error envelope shape. */
    static Response expectError(Response response, int status, int code) {
        assertEquals(status, response.statusCode(), () -> "status; answer: " + response.asString());
        assertEquals(code, response.jsonPath().getInt("errors[0].code"), () -> "code; answer: " + response.asString());
        VendorShape.assertShape(ERROR, response.asString());
        return response;
    }

    /** The vendor's error envelope. */
    static final String ERROR = """
            {"data": null, "errors": [{"code": 810, "message": "text", "reference": null}], "warnings": null}""";

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
