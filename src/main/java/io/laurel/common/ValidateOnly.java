package io.laurel.common;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * {@code X-LAUREL-VALIDATE-ONLY: true} on a write call runs every check of the call and writes nothing: 204 when the
 * call would be accepted, the same error as the real call otherwise. The request workflow validates payloads this
 * way, over HTTP, with the target's own rules.
 */
public final class ValidateOnly {

    public static final String HEADER = "X-LAUREL-VALIDATE-ONLY";

    private ValidateOnly() {
    }

    public static boolean requested(String header) {
        return header != null && header.trim().equalsIgnoreCase("true");
    }

    /** 204 for a validated call (a null item), else {@code status} with the answer. */
    public static <T> Uni<RestResponse<T>> answer(Uni<T> result, int status) {
        return result.map(item -> item == null ? RestResponse.<T>noContent()
                : RestResponse.status(RestResponse.Status.fromStatusCode(status), item));
    }
}
