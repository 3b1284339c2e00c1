package io.laurel.vendor;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares an answer with a vendor sample answer: every field the sample shows must be in the answer with the same
 * JSON type (number, string, boolean, object, array). A sample null says nothing about a type, so any value matches
 * it, but the field must be there; an array's items are compared when both arrays have some. Fields Laurel adds are
 * allowed.
 */
final class VendorShape {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorShape() {
    }

    /** Fails with every difference when {@code answer} lacks a field of {@code sample} or has it with another type. */
    static void assertShape(String sample, String answer) {
        List<String> differences = new ArrayList<>();
        compare("$", read(sample), read(answer), differences);
        if (!differences.isEmpty()) {
            fail("Answer differs from the vendor's sample:\n  " + String.join("\n  ", differences) + "\nanswer: " + answer);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static void compare(String path, JsonNode sample, JsonNode answer, List<String> differences) {
        if (answer == null || answer.isMissingNode()) {
            differences.add(path + ": missing");
            return;
        }
        if (sample == null || sample.isNull()) {
            return;
        }
        if (!type(sample).equals(type(answer))) {
            differences.add(path + ": " + type(answer) + " where the vendor has " + type(sample));
            return;
        }
        if (sample.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = sample.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                compare(path + "." + field.getKey(), field.getValue(), answer.path(field.getKey()), differences);
            }
        } else if (sample.isArray() && !sample.isEmpty() && !answer.isEmpty()) {
            compare(path + "[0]", sample.get(0), answer.get(0), differences);
        }
    }

    static String type(JsonNode node) {
        if (node.isNumber()) {
            return "number";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.isNull() ? "null" : node.getNodeType().name();
    }
}
