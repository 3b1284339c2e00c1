package io.laurel.common;

/** A validated 0-based page request; query values arrive as text so that "abc" is a 400, not a 404. */
public record Paging(int page, int size) {

    public static Paging parse(String page, String size, int defaultSize, int maxSize) {
        int p = parseInt("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parseInt("size", size, defaultSize, 1, maxSize);
        return new Paging(p, s);
    }

    /** As {@link #parse}, with the page size under another parameter name (the vendor's {@code limit}). */
    public static Paging parseWithSizeName(String page, String size, String sizeName, int defaultSize, int maxSize) {
        return new Paging(parseInt("page", page, 0, 0, Integer.MAX_VALUE), parseInt(sizeName, size, defaultSize, 1, maxSize));
    }

    /** Parses an optional integer query parameter within [min, max]; an absent or blank value is {@code fallback}. */
    public static int parseInt(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ErrorCode.INVALID_INPUT.exception(
                "Query parameter '" + name + "' must be an integer from " + min + " to " + max, name);
    }

    /**
     * How many documents to skip: page times size, in long arithmetic. A page past int range is past any data, so
     * the skip is capped there and such a page is empty (with the right total), never another page's data.
     */
    public int skip() {
        return skip(page, size);
    }

    /** As {@link #skip()}, for a page and size validated elsewhere. */
    public static int skip(int page, int size) {
        return (int) Math.min((long) page * size, Integer.MAX_VALUE - (long) size);
    }

    /** The Panache range of this page: first and last index, both within int range. */
    public int lastIndex() {
        return skip() + size - 1;
    }

    public Pagination of(long total) {
        return new Pagination(page, size, total, (total + size - 1) / size);
    }

    /** The {@code pagination} block of list responses. */
    public record Pagination(int page, int size, long total, long totalPages) {
    }
}
