package io.laurel.common;

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
}
