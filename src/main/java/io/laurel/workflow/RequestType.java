package io.laurel.workflow;

import java.util.Locale;

import io.laurel.common.ErrorCode;

/** The request types of the workflow, each with the one internal resource its approved task is sent to. */
public enum RequestType {
    GOODWILL_POINTS("GOODWILL-POINTS", "/internal/goodwill/"),
    EARN_BADGE("EARN-BADGE", "/api_gateway/v1/badges/customer/earn"),
    ISSUE_BADGE("ISSUE-BADGE", "/api_gateway/v1/badges/badgeMeta/customer/issueBulk");

    private final String pathName;
    private final String target;

    RequestType(String pathName, String target) {
        this.pathName = pathName;
        this.target = target;
    }

    /** As in the path: GOODWILL-POINTS. */
    public String pathName() {
        return pathName;
    }

    /** As in answers: goodwill-points. */
    public String label() {
        return pathName.toLowerCase(Locale.ROOT);
    }

    public String target() {
        return target;
    }

    /** The target path, with or without its trailing slash. */
    boolean targets(String path) {
        return path != null && (path.equals(target) || (target.endsWith("/") && path.equals(target.substring(0,
                target.length() - 1))));
    }

    public static RequestType parse(String text) {
        for (RequestType type : values()) {
            if (type.pathName.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw ErrorCode.INVALID_INPUT.exception("Unknown request type; use GOODWILL-POINTS, EARN-BADGE or ISSUE-BADGE",
                "requestType");
    }
}
