package io.laurel.workflow;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.laurel.common.ApiError;
import io.laurel.common.Paging;
import io.laurel.common.Paging.Pagination;

/** A request as the seeds show it. */
@Schema(name = "WorkflowRequest")
public record WorkflowView(
        @Schema(example = "ffcf19fb-a3fd-11ee-9fa7-4650f67465b8") String requestId,
        @Schema(example = "232134") long userId,
        @Schema(example = "tomswayer@tipent.com") String userName,
        @Schema(example = "goodwill-points") String requestType,
        @Schema(example = "AdminTask", description = "AdminTask, IntouchAPITask, approved, rejected, failed or cancelled")
        String state,
        @Schema(example = "2023-12-26T20:19:40") String startTime,
        String endTime,
        WorkflowRequests.EntityInfo entityInfo,
        Details details,
        @Schema(description = "Laurel's audit trail: every transition in order, with who made it (none: the system), "
                + "when and why; never editable. Empty for requests made before it was kept.")
        List<Transition> history) {

    /** One transition of the request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WorkflowTransition")
    public record Transition(
            @Schema(example = "rejected", description = "The state it led to") String state,
            @Schema(example = "rejected", description = "created, approved, rejected, cancelled, completed or failed")
            String action,
            @Schema(description = "Who did it; absent when the system did") Long userId,
            String userName,
            @Schema(example = "2023-12-26T20:19:40") String at,
            @Schema(description = "The checker's or canceller's message, or why a send failed") String message,
            @Schema(description = "What the task's target answered (completed, failed)") Integer outputStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(
            @JsonProperty("IntouchAPITask-Payload") JsonNode task,
            @JsonProperty("ValidateMakerAccess_Output") Boolean validateMakerAccess,
            @JsonProperty("ValidatePayload_Output") Boolean validatePayload,
            @JsonProperty("AdminTask-Payload") WorkflowRequests.AdminTask adminTask,
            @Schema(example = "approved", description = "The checker's decision, approved or rejected, as the platform answers it")
            @JsonProperty("AdminTask_Output") String adminTaskOutput,
            @JsonProperty("ValidateCheckerAccess_Output") Boolean validateCheckerAccess,
            @JsonProperty("IntouchAPITask_Output") Output output) {
    }

    /**
     * What the target answered: its status, content type, headers (without credentials) and body (cut at the
     * configured size).
     */
    public record Output(int status, String contentType, Map<String, List<String>> headers, JsonNode body) {

        static Output of(int status, Map<String, List<String>> headers, JsonNode body) {
            String type = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                    .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
            return new Output(status, type, headers, body);
        }
    }

    /**
     * A page of requests as the vendor answers the list: the requests are {@code data} itself and the paging sits
     * beside it, {@code {totalElements, totalPages, numberOfElements, number}} with {@code number} 0-based.
     */
    @Schema(name = "WorkflowRequestList")
    public record Page(List<WorkflowView> data, VendorPagination pagination, List<ApiError> errors,
            List<ApiError> warnings) {

        static Page of(List<WorkflowView> requests, Paging paging, long total) {
            Pagination page = paging.of(total);
            return new Page(requests, new VendorPagination(total, page.totalPages(), requests.size(), page.page()),
                    List.of(), List.of());
        }
    }

    public record VendorPagination(long totalElements, long totalPages, int numberOfElements, long number) {
    }
}
