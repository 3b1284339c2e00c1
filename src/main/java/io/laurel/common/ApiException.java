package io.laurel.common;

import java.util.List;

/** The one failure type of Laurel: an {@link ErrorCode}, a message for the caller and an optional reference. */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;
    private final String reference;

    public ApiException(ErrorCode errorCode, String message, String reference) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.reference = reference;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String reference() {
        return reference;
    }

    public ApiError toError() {
        return new ApiError(errorCode.code(), getMessage(), reference);
    }

    /** Seconds the caller should wait before trying again (a Retry-After header); 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }

    /** The error items of the answer; one unless a subclass passes on several (for example a target's own). */
    public List<ApiError> errors() {
        return List.of(toError());
    }
}
