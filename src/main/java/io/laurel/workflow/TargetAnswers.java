package io.laurel.workflow;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.laurel.common.ApiError;
import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.outbox.HttpSender;

/**
 * How the workflow reads a target's answers, which are the platform's envelope: a refusal may come as a 2xx whose
 * {@code errors} is not empty, and on a resend an "already used" code means an earlier send took effect.
 */
final class TargetAnswers {

    /** A target's "already used" answers: on a resend they mean an earlier send was applied. */
    private static final Set<Integer> ALREADY_APPLIED = Set.of(ErrorCode.REQUEST_ID_USED.code(),
            ErrorCode.REFERENCE_EXISTS.code());

    private final ObjectMapper json;

    TargetAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** What a send's answer means for the task. */
    enum Outcome {
        /** Applied: a 2xx without errors in its envelope, or a resend's "already used". */
        APPLIED,
        /** Refused (a 4xx, or a 2xx whose envelope carries errors): sending again cannot change it. */
        REFUSED,
        /** No answer, or a 5xx: worth another attempt. */
        TRY_AGAIN
    }

    /** The outcome of {@code attempt} (1 for the first send). */
    Outcome outcome(HttpSender.Answer answer, int attempt) {
        if (applied(answer)) {
            return Outcome.APPLIED;
        }
        if (answer.refused() || answer.success()) {
            return attempt > 1 && ALREADY_APPLIED.contains(errorCode(answer.body())) ? Outcome.APPLIED
                    : Outcome.REFUSED;
        }
        return Outcome.TRY_AGAIN;
    }

    private boolean applied(HttpSender.Answer answer) {
        return answer.success() && !hasItemErrors(answer.body());
    }

    /**
     * The validate-only answer: a 2xx without errors in its envelope passes; the target's own refusal becomes this
     * call's, with its codes.
     */
    void requireValid(HttpSender.Answer answer) {
        if (applied(answer)) {
            return;
        }
        if (answer.status() == 403) {
            throw ErrorCode.FORBIDDEN.exception("ValidatePayload: the target refused the payload's org", null);
        }
        if (answer.status() == 401) {
            throw WorkflowRequests.invalidPayload("the target refused the payload's Authorization", "headers");
        }
        throw new PayloadRefused(targetErrors(answer));
    }

    /** The target's refusal, passed on with its own error items. */
    static final class PayloadRefused extends ApiException {
        final List<ApiError> errors;

        PayloadRefused(List<ApiError> errors) {
            super(ErrorCode.INVALID_INPUT, "ValidatePayload: the target refused the body", "payload");
            this.errors = errors;
        }

        @Override
        public List<ApiError> errors() {
            return errors;
        }
    }

    private List<ApiError> targetErrors(HttpSender.Answer answer) {
        try {
            JsonNode errors = json.readTree(answer.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return json.convertValue(errors, new TypeReference<>() {
                });
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not the envelope: reported below
        }
        return List.of(ApiError.of(ErrorCode.INVALID_INPUT, "ValidatePayload: the target answered " + answer.status(),
                "payload"));
    }

    /** Whether an answer's body is an envelope whose {@code errors} is not empty (a refusal, whatever the status). */
    private boolean hasItemErrors(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode errors = json.readTree(body).path("errors");
            return errors.isArray() && !errors.isEmpty();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private int errorCode(String body) {
        try {
            return json.readTree(body).path("errors").path(0).path("code").asInt(-1);
        } catch (JsonProcessingException e) {
            return -1;
        }
    }
}
