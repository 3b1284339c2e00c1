package io.laurel.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Schema the published event schemas use (type, possibly with "null"; const; enum; pattern;
 * format date-time; properties, required, additionalProperties false), checked against a parsed JSON value. Answers
 * each difference as "path: what", none when the value fits.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    public static List<String> problems(Map<String, Object> schema, Object value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (schema.containsKey("const") && !String.valueOf(schema.get("const")).equals(String.valueOf(value))) {
            problems.add(path + ": not " + schema.get("const"));
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            problems.add(path + ": " + value + " not in " + schema.get("enum"));
        }
        Object type = schema.get("type");
        if (type != null) {
            List<Object> types = type instanceof List<?> list ? (List<Object>) list : List.of(type);
            if (types.stream().noneMatch(t -> is(String.valueOf(t), value))) {
                problems.add(path + ": " + value + " is not " + types);
                return;
            }
        }
        if (value instanceof String text) {
            if (schema.containsKey("pattern") && !text.matches((String) schema.get("pattern"))) {
                problems.add(path + ": " + text + " does not match " + schema.get("pattern"));
            }
            if ("date-time".equals(schema.get("format"))) {
                try {
                    Instant.parse(text);
                } catch (RuntimeException e) {
                    problems.add(path + ": " + text + " is not a date-time");
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(name)) {
                    problems.add(path + ": " + name + " is missing");
                }
            }
            object.forEach((name, field) -> {
                Object fieldSchema = properties.get(name);
                if (fieldSchema == null) {
                    if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                        problems.add(path + ": " + name + " is not in the schema");
                    }
                } else {
                    check((Map<String, Object>) fieldSchema, field, path + "." + name, problems);
                }
            });
        }
    }

    private static boolean is(String type, Object value) {
        return switch (type) {
            case "null" -> value == null;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            default -> false;
        };
    }
}
