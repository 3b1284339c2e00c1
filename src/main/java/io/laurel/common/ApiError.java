package io.laurel.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of an envelope's {@code errors} or {@code warnings}. */
@Schema(name = "ApiError", description = "An error or warning item")
public record ApiError(
        @Schema(example = "1026") int code,
        @Schema(example = "Customer with the specified ID is not found") String message,
        @Schema(nullable = true, example = "382477526") String reference) {

    public static ApiError of(ErrorCode code, String message, String reference) {
        return new ApiError(code.code(), message, reference);
    }
}
