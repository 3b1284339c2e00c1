package io.laurel.workflow;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

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

    /** Times as the platform writes them: UTC, to the second, without a zone. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The stored request as answered: every credential header masked, also in those stored before all were sealed. */
    static WorkflowView of(WorkflowRequestDocument doc, ObjectMapper json) {
        JsonNode task;
        try {
            task = json.readTree(doc.task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task is not JSON", e);
        }
        if (task.path("headers") instanceof ObjectNode headers) {
            List<String> secret = new ArrayList<>();
            headers.fieldNames().forEachRemaining(name -> {
                if (PayloadHeaders.isSecret(name)) {
                    secret.add(name);
                }
            });
            secret.forEach(name -> headers.put(name, PayloadHeaders.MASK));
            if (doc.authorizationHeader != null) {
                headers.put(doc.authorizationHeader, PayloadHeaders.MASK);
            }
        }
        boolean decided = doc.actionDecision != null;
        WorkflowRequests.EntityInfo entity = doc.entityInfo == null ? null : new WorkflowRequests.EntityInfo(
                doc.entityInfo.tillId, doc.entityInfo.storeId, doc.entityInfo.zoneId, doc.entityInfo.conceptId);
        return new WorkflowView(doc.requestId, doc.userId, doc.userName, doc.requestType.label(), doc.state,
                TIME.format(doc.startTime), doc.endTime == null ? null : TIME.format(doc.endTime), entity,
                new Details(task, true, true,
                        decided ? new WorkflowRequests.AdminTask(doc.actionDecision, doc.actionMessage) : null,
                        doc.actionDecision, decided ? Boolean.TRUE : null,
                        doc.outputStatus == null ? null : Output.of(doc.outputStatus,
                                outputHeaders(doc.outputHeaders), body(doc.outputBody, json))),
                doc.history == null ? List.of() : doc.history.stream().map(t -> new Transition(t.state,
                        t.action, t.userId, t.userName, t.at == null ? null : TIME.format(t.at), t.message,
                        t.outputStatus)).toList());
    }

    private static Map<String, List<String>> outputHeaders(List<WorkflowRequestDocument.OutputHeader> stored) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (stored != null) {
            stored.forEach(h -> headers.put(h.name, h.values));
        }
        return headers;
    }

    /** The target's answer as JSON, or as text when it is not JSON. */
    private static JsonNode body(String text, ObjectMapper json) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

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
