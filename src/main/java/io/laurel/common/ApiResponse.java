package io.laurel.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The envelope of every {@code /api_gateway/**} body: {@code {"data": …, "errors": [...], "warnings": [...]}}. */
@Schema(name = "ApiResponse", description = "Response envelope; on failure data is null and errors holds at least one item")
public record ApiResponse<T>(T data, List<ApiError> errors, List<ApiError> warnings) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(data, List.of(), List.of());
    }

    /** Data with per-item errors: a bulk call whose failures for some items did not stop the others. */
    public static <T> ApiResponse<T> partial(T data, List<ApiError> errors) {
        return new ApiResponse<>(data, errors, List.of());
    }

    public static ApiResponse<Object> failure(List<ApiError> errors) {
        return new ApiResponse<>(null, errors, List.of());
    }
}
