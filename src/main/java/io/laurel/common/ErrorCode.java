package io.laurel.common;

import jakarta.ws.rs.core.Response.Status;

/**
 * Every error code Laurel answers with, its HTTP status and default message.
 * Business codes come from the platform contract; transport-level failures use the HTTP status as their code.
 */
public enum ErrorCode {
    INVALID_INPUT(400, Status.BAD_REQUEST, "Invalid input"),
    UNAUTHORIZED(401, Status.UNAUTHORIZED, "Authentication required or credentials invalid"),
    FORBIDDEN(403, Status.FORBIDDEN, "Not allowed"),
    NOT_FOUND(404, Status.NOT_FOUND, "Resource not found"),
    /** The vendor answers an unknown badge with code 404 and this message. */
    BADGE_NOT_FOUND(404, Status.NOT_FOUND, "Passed badge is not found"),
    METHOD_NOT_ALLOWED(405, Status.METHOD_NOT_ALLOWED, "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, Status.NOT_ACCEPTABLE, "Only application/json responses are available"),
    CONFLICT(409, Status.CONFLICT, "Conflict with an existing resource"),
    PAYLOAD_TOO_LARGE(413, Status.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than the configured limit"),
    UNSUPPORTED_MEDIA_TYPE(415, Status.UNSUPPORTED_MEDIA_TYPE, "Request body must be application/json"),
    TOO_MANY_ATTEMPTS(429, Status.TOO_MANY_REQUESTS, "Too many attempts; retry after the Retry-After seconds"),
    INTERNAL(500, Status.INTERNAL_SERVER_ERROR, "Internal error"),
    TARGET_UNREACHABLE(502, Status.BAD_GATEWAY, "The workflow payload's target did not answer"),
    STORE_UNAVAILABLE(503, Status.SERVICE_UNAVAILABLE, "The database is unreachable; retry later"),

    OWNER_TYPE_NOT_ALLOWED(714, Status.BAD_REQUEST, "Owner type is not in the badge's restrictedToOwners"),
    OWNER_TYPE_MISSING(716, Status.BAD_REQUEST, "Owner type information is missing"),
    OWNER_ID_MISSING(717, Status.BAD_REQUEST, "OwnerId is mandatory"),
    START_AFTER_END(720, Status.BAD_REQUEST, "Start Date should be before End Date"),
    START_ON_IN_PAST(722, Status.BAD_REQUEST, "startOn must not be in the past"),
    START_ON_FIXED_WHEN_LIVE(723, Status.BAD_REQUEST, "Start Date cannot change once the badge is live"),
    EXPIRY_IN_PAST(724, Status.BAD_REQUEST, "Expiry Date cannot be a past date"),
    DUPLICATE_BADGE_NAME(725, Status.BAD_REQUEST, "A badge with this name already exists"),
    NO_OWNER(728, Status.BAD_REQUEST, "ownership.restrictedToOwners must name at least one owner type"),
    GROUP_RANK_MISSING(732, Status.BAD_REQUEST, "Group Rank is Mandatory"),
    GROUP_NAME_TAKEN(733, Status.CONFLICT, "Group Name should be Unique"),
    CLAIM_NOT_FOUND(737, Status.BAD_REQUEST, "No active claim for this owner"),
    REFERENCE_EXISTS(744, Status.BAD_REQUEST, "Reference number already exists"),
    NOT_ISSUE_EARN(801, Status.BAD_REQUEST, "Only ISSUE_EARN type badge can be issued"),
    TRIGGERED_BY_MISSING(803, Status.BAD_REQUEST, "Triggering module info is missing"),
    REQUEST_ID_MISSING(804, Status.BAD_REQUEST, "RequestId is missing"),
    REQUEST_ID_USED(809, Status.BAD_REQUEST, "Request with the same requestId is not allowed"),
    NOT_CLAIMED(810, Status.CONFLICT, "BadgeMeta needs to be claimed first"),
    ISSUE_REQUIRED(811, Status.CONFLICT, "Badge issue is mandatory before earn"),
    EARN_NOT_ACTIVE(814, Status.CONFLICT, "Active earn instance is not present"),
    EVENT_DATE_OUTSIDE_BADGE(816, Status.BAD_REQUEST, "Event date is not in duration of badge meta"),
    CONSTRAINT_KIND_CHANGE(826, Status.BAD_REQUEST,
            "Change from rolling window or fixed constraint to fixed window or vice versa is not allowed"),
    CUSTOMER_NOT_FOUND(1026, Status.NOT_FOUND, "Customer with the specified ID is not found"),
    INVALID_CUSTOMER_IDENTIFIER(1028, Status.BAD_REQUEST, "Invalid Customer Identifier type"),
    BADGE_NOT_LIVE(1039, Status.BAD_REQUEST, "Only active badge can be issued"),
    ACTIVE_ISSUE_EXISTS(1040, Status.BAD_REQUEST, "An active issue for the badge already exists"),
    REVOKE_TARGET_MISSING(1051, Status.BAD_REQUEST, "RevokeIssuals or CustomerId is mandatory"),
    ORG_META_EXISTS(999999, Status.CONFLICT, "ORG_CONFIG_ALREADY_EXIST_PLEASE_USE_UPDATE_ORG_CONFIG_API"),
    POINTS_INSUFFICIENT(1210, Status.BAD_REQUEST, "The customer's redeemable points are fewer than points_redeemed"),
    CUSTOMER_LIMIT_REACHED(1101, Status.BAD_REQUEST, "A customer earn limit of the badge is reached"),
    BADGE_LIMIT_REACHED(1102, Status.BAD_REQUEST, "An earn limit of the badge is reached");

    private final int code;
    private final Status status;
    private final String message;

    ErrorCode(int code, Status status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return message;
    }

    public ApiException exception() {
        return new ApiException(this, message, null);
    }

    public ApiException exception(String message) {
        return new ApiException(this, message, null);
    }

    public ApiException exception(String message, String reference) {
        return new ApiException(this, message, reference);
    }
}
