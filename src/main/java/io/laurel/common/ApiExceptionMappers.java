package io.laurel.common;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;

/** The one place where failures become HTTP responses, always in the {@link ApiResponse} envelope. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);
    private static final int MAX_DETAIL = 200;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.errorCode().status())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ApiResponse.failure(e.errors()));
        if (e.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ApiError> errors = e.getConstraintViolations().stream()
                .map(v -> ApiError.of(ErrorCode.INVALID_INPUT, describe(v), fieldPath(v)))
                .sorted((a, b) -> String.valueOf(a.reference()).compareTo(String.valueOf(b.reference())))
                .collect(Collectors.toList());
        return envelope(Response.Status.BAD_REQUEST, errors);
    }

    /** Ahead of quarkus-rest-jackson's own mapper of MismatchedInputException, which answers without a body. */
    @ServerExceptionMapper(value = { JsonProcessingException.class, MismatchedInputException.class },
            priority = Priorities.USER - 100)
    public Response jsonProcessing(JsonProcessingException e) {
        return envelope(Response.Status.BAD_REQUEST,
                List.of(ApiError.of(ErrorCode.INVALID_INPUT, jsonMessage(e), jsonPath(e))));
    }

    @ServerExceptionMapper
    public Response unauthorized(AuthenticationFailedException e) {
        return unauthorizedResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorizedResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return envelope(Response.Status.FORBIDDEN,
                List.of(ApiError.of(ErrorCode.FORBIDDEN, "The caller lacks the role this operation needs", null)));
    }

    @ServerExceptionMapper({ MongoTimeoutException.class, MongoSocketException.class,
            MongoServerUnavailableException.class })
    public Response storeUnavailable(RuntimeException e) {
        LOG.warnf("Store unreachable: %s", e.getMessage());
        return envelope(Response.Status.SERVICE_UNAVAILABLE, List.of(ErrorCode.STORE_UNAVAILABLE.exception().toError()));
    }

    /**
     * A failure whose clean-up failed too (giving a claim back while the store is away): answered for the first
     * failure, the one the request hit.
     */
    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable first = e.getCauses().get(0);
        if (first instanceof ApiException api) {
            return apiException(api);
        }
        if (first instanceof MongoTimeoutException || first instanceof MongoSocketException
                || first instanceof MongoServerUnavailableException) {
            return storeUnavailable((RuntimeException) first);
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProcessing(json);
        }
        ErrorCode code = forStatus(status);
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiResponse.failure(List.of(ApiError.of(code, code.message(), null))));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled failure, incident %s", incident);
        return envelope(Response.Status.INTERNAL_SERVER_ERROR,
                List.of(ApiError.of(ErrorCode.INTERNAL, "Internal error; incident " + incident, null)));
    }

    static Response envelope(Response.StatusType status, List<ApiError> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiResponse.failure(errors)).build();
    }

    private static Response unauthorizedResponse() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"laurel\"")
                .entity(ApiResponse.failure(List.of(ErrorCode.UNAUTHORIZED.exception().toError())))
                .build();
    }

    private static ErrorCode forStatus(int status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.code() == status) {
                return code;
            }
        }
        return status == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_INPUT;
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = fieldPath(violation);
        return field == null ? violation.getMessage() : field + " " + violation.getMessage();
    }

    /** The JSON field path of a violation, without the Java method and parameter names in front. */
    private static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && path.length() > 0) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String jsonPath(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonMessage(JsonProcessingException e) {
        String field = jsonPath(e);
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            Set<String> allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.toCollection(LinkedHashSet::new));
            return "Field '" + field + "' must be one of " + allowed;
        }
        if (e instanceof MismatchedInputException mismatched && field != null) {
            return "Field '" + field + "' has an invalid value; expected " + jsonType(mismatched.getTargetType());
        }
        if (e instanceof JsonMappingException && field != null) {
            return "Field '" + field + "' has an invalid value";
        }
        String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "…";
        }
        return "Malformed JSON: " + detail;
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type == EpochTime.class) {
            return "epoch seconds or an ISO-8601 date-time";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return type == Double.class || type == double.class || type == Float.class || type == float.class
                    || type == BigDecimal.class ? "a number" : "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
