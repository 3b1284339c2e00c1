package io.laurel.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one way query parameters (and other small text values) are read: absent or blank is "not given", anything
 * else must be one of the allowed values, or it is a 400 naming the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code true} or {@code false} in any case; {@code fallback} when not given. */
    public static boolean flag(String value, String name, boolean fallback) {
        if (blank(value)) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception(name + " must be true or false", name);
        };
    }

    /** The constant named by {@code value}, any case; {@code fallback} when not given. */
    public static <E extends Enum<E>> E choice(Class<E> type, String value, String name, E fallback) {
        if (blank(value)) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw ErrorCode.INVALID_INPUT.exception(name + " must be one of " + Arrays.toString(type.getEnumConstants()),
                name);
    }

    /** ASC or DESC in any case, as {@code true} for ascending; {@code ascendingByDefault} when not given. */
    public static boolean ascending(String order, String name, boolean ascendingByDefault) {
        if (blank(order)) {
            return ascendingByDefault;
        }
        return switch (order.trim().toUpperCase(Locale.ROOT)) {
            case "ASC" -> true;
            case "DESC" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception(name + " must be ASC or DESC", name);
        };
    }
}
