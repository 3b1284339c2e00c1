package io.laurel.workflow;

import java.util.Locale;
import java.util.Set;

import io.laurel.common.ErrorCode;

/**
 * The request types of the workflow, each with the one resource its approved task is sent to and the method it is
 * sent with. A payload may name the method the vendor's own example names (CUSTOMER-STATUS-CHANGE's example says POST
 * for a PUT target); the type's method is what is stored and sent.
 */
public enum RequestType {
    GOODWILL_POINTS("GOODWILL-POINTS", "/internal/goodwill/", "POST"),
    EARN_BADGE("EARN-BADGE", "/api_gateway/v1/badges/customer/earn", "POST"),
    ISSUE_BADGE("ISSUE-BADGE", "/api_gateway/v1/badges/badgeMeta/customer/issueBulk", "POST"),
    CUSTOMER_STATUS_CHANGE("CUSTOMER-STATUS-CHANGE", "/v2/customers/lookup/status", "PUT", "POST"),
    POINTS_REDEMPTION("POINTS-REDEMPTION", "/v1.1/points/redeem", "POST");

    private final String pathName;
    private final String target;
    private final String method;
    private final Set<String> accepted;

    RequestType(String pathName, String target, String method, String... alsoAccepted) {
        this.pathName = pathName;
        this.target = target;
        this.method = method;
        this.accepted = alsoAccepted.length == 0 ? Set.of(method) : Set.of(method, alsoAccepted[0]);
    }

    /** The method the approved task is sent with. */
    public String method() {
        return method;
    }

    /** Whether a payload naming {@code requested} is taken (the type's method is sent whatever it names). */
    boolean accepts(String requested) {
        return requested != null && accepted.contains(requested.trim().toUpperCase(Locale.ROOT));
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
        throw ErrorCode.INVALID_INPUT.exception("Unknown request type; use GOODWILL-POINTS, EARN-BADGE, ISSUE-BADGE, "
                + "CUSTOMER-STATUS-CHANGE or POINTS-REDEMPTION",
                "requestType");
    }
}
