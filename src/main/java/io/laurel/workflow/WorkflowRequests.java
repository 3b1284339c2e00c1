package io.laurel.workflow;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;

/** The bodies of the workflow calls, with the platform's field names (seeds 000 and 001). */
public final class WorkflowRequests {

    private WorkflowRequests() {
    }

    /** ValidatePayload's refusal of the task's {@code field} (under {@code payload.IntouchAPITask-Payload}). */
    static ApiException invalidPayload(String message, String field) {
        return ErrorCode.INVALID_INPUT.exception("ValidatePayload: " + message,
                "payload.IntouchAPITask-Payload." + field);
    }

    @Schema(name = "WorkflowCreateRequest")
    public record Create(@NotNull @Valid EntityInfo entityInfo, @NotNull @Valid Payload payload) {
    }

    public record EntityInfo(
            @Schema(example = "50682289") @NotBlank @Size(max = 64) String tillId,
            @Schema(example = "50682288") @NotBlank @Size(max = 64) String storeId,
            @Schema(example = "50682286") @NotBlank @Size(max = 64) String zoneId,
            @Schema(example = "50678331") @NotBlank @Size(max = 64) String conceptId) {
    }

    public record Payload(@JsonProperty("IntouchAPITask-Payload") @NotNull @Valid Task task) {
    }

    /** The call to make once approved. */
    public record Task(
            @Schema(description = "Empty: this service; else one of LAUREL_WORKFLOW_ALLOWED_HOSTS") @Size(max = 512) String hostname,
            @Schema(example = "/internal/goodwill/") @NotBlank @Size(max = 512) String path,
            @Schema(example = "POST") @NotBlank @Size(max = 16) String method,
            @Size(max = 50) Map<String, Object> pathParams,
            @Size(max = 50) Map<String, Object> queryParams,
            @Schema(description = "The target's own request body") @NotNull ObjectNode body,
            @Schema(description = "Sent with the call; credentials (Authorization, Cookie, tokens, secrets) are stored encrypted and shown as ****")
            @Size(max = 50) Map<String, String> headers) {
    }

    @Schema(name = "WorkflowDecisionRequest")
    /** A cancellation's optional reason. */
    public record Cancel(@Schema(maxLength = 500) String message) {

        static final int MAX = 500;

        /** The message of a cancel's body: none when the body is empty; a 400 when it is not such JSON or too long. */
        static String message(ObjectMapper json, String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            Cancel cancel;
            try {
                cancel = json.readValue(body, Cancel.class);
            } catch (JsonProcessingException e) {
                throw ErrorCode.INVALID_INPUT.exception("The body must be {\"message\": \"...\"} or nothing", "message");
            }
            if (cancel != null && cancel.message() != null && cancel.message().length() > MAX) {
                throw ErrorCode.INVALID_INPUT.exception("message is at most " + MAX + " characters", "message");
            }
            return cancel == null ? null : cancel.message();
        }
    }

    public record Decision(
            @Schema(example = "ffcf19fb-a3fd-11ee-9fa7-4650f67465b8") @NotBlank @Size(max = 64) String requestId,
            @Schema(example = "AdminTask") @NotBlank String actionName,
            @NotNull @Valid DecisionPayload payload) {
    }

    public record DecisionPayload(@JsonProperty("AdminTask-Payload") @NotNull @Valid AdminTask adminTask) {
    }

    public record AdminTask(
            @Schema(example = "approved", description = "approved or rejected") @NotBlank String actionDecision,
            @Schema(example = "Checked against the complaint ticket") @Size(max = 2000) String actionMessage) {
    }
}
