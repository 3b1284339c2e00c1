package io.laurel.badge.schema;

import java.util.Locale;

import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.QueryParams;

/**
 * The type of a custom field or tag value. Values are always sent as text (custom fields and tags are text maps); the
 * type says which texts are allowed.
 */
public enum FieldType {
    STRING,
    INTEGER,
    BOOLEAN,
    DATE;

    /** The type named by {@code value}, any case (the tag schema's samples write "string", "integer"). */
    static FieldType parse(String value, String field) {
        if (QueryParams.blank(value)) {
            throw ErrorCode.INVALID_INPUT.exception(field + " must be STRING, INTEGER, BOOLEAN or DATE", field);
        }
        return QueryParams.choice(FieldType.class, value, field, null);
    }

    /** Whether {@code value} is a value of this type. */
    boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        String text = value.trim();
        return switch (this) {
            case STRING -> true;
            case INTEGER -> text.matches("[-+]?[0-9]{1,18}");
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
            case DATE -> {
                try {
                    yield EpochTime.query("date", text) != null;
                } catch (RuntimeException notADate) {
                    yield false;
                }
            }
        };
    }

    String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
