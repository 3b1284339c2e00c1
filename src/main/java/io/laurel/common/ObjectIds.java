package io.laurel.common;

import org.bson.types.ObjectId;

/** Ids of badges, groups, issues and earns: 24 hex characters. */
public final class ObjectIds {

    private ObjectIds() {
    }

    /** The id, or a 400 naming {@code field} when the text is not an ObjectId. */
    public static ObjectId parse(String text, String field) {
        if (text == null || !ObjectId.isValid(text)) {
            throw ErrorCode.INVALID_INPUT.exception(field + " must be a 24-character hexadecimal id", field);
        }
        return new ObjectId(text);
    }
}
