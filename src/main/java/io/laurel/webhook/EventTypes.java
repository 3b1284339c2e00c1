package io.laurel.webhook;

import java.util.List;
import java.util.Locale;

import io.laurel.common.ErrorCode;

/**
 * The event types a subscription may name: the exact ones, or a pattern ending in {@code *} that covers every type
 * with its prefix ({@code badge.*}, {@code workflow.request.*}, {@code *}). A pattern that covers no type is refused,
 * so a typo cannot subscribe to nothing in silence.
 */
public final class EventTypes {

    public static final List<String> ALL = List.of("badge.issued", "badge.earned", "badge.imported",
            "badge.earn.revoked", "badge.issue.revoked", "points.goodwill.allocated", "points.redeemed",
            "customer.status.changed", "workflow.request.created", "workflow.request.approved",
            "workflow.request.rejected", "workflow.request.completed", "workflow.request.failed",
            "workflow.request.cancelled", "workflow.request.expired");

    static final int MAX = 20;

    private EventTypes() {
    }

    /** The patterns as given, checked; a 400 naming the first bad one. */
    static List<String> checked(List<String> patterns) {
        if (patterns == null || patterns.isEmpty() || patterns.size() > MAX) {
            throw ErrorCode.INVALID_INPUT.exception("eventTypes must list 1 to " + MAX + " event types or patterns",
                    "eventTypes");
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            if (pattern == null || ALL.stream().noneMatch(type -> matches(pattern, type))) {
                throw ErrorCode.INVALID_INPUT.exception("not an event type, nor a pattern (ending in *) of some: "
                        + pattern + "; the types are " + String.join(", ", ALL), "eventTypes[" + i + "]");
            }
        }
        return patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** Whether {@code pattern} covers {@code type}. */
    static boolean matches(String pattern, String type) {
        String p = pattern.toLowerCase(Locale.ROOT);
        return p.endsWith("*") ? type.startsWith(p.substring(0, p.length() - 1)) : p.equals(type);
    }
}
