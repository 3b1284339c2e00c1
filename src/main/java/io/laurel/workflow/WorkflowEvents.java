package io.laurel.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.EpochTime;
import io.laurel.event.Event;
import io.laurel.event.EventSource;
import io.smallrye.mutiny.Uni;

/**
 * The workflow's events, one per step of a request: {@code created} (waiting for a checker, or auto-approved),
 * {@code approved} and {@code rejected} (the checker's decision, or the system's for auto-approved types),
 * {@code completed} (its task was applied), {@code failed} (its task was refused, or could not be sent) and
 * {@code cancelled} (by its maker or an OrgAdmin while it waited for a checker), {@code expired} (no checker decided
 * in time). The
 * task itself is left out: it names customers and amounts a subscriber reads with the request id if allowed to.
 */
@ApplicationScoped
public class WorkflowEvents implements EventSource {

    public static final String CREATED = "workflow.request.created";
    public static final String APPROVED = "workflow.request.approved";
    public static final String REJECTED = "workflow.request.rejected";
    public static final String COMPLETED = "workflow.request.completed";
    public static final String FAILED = "workflow.request.failed";
    public static final String CANCELLED = "workflow.request.cancelled";
    public static final String EXPIRED = "workflow.request.expired";

    private final WorkflowRepository requests;

    WorkflowEvents(WorkflowRepository requests) {
        this.requests = requests;
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<WorkflowRequestDocument>("workflow", requests::mongoCollection, r -> r.id,
                r -> r.events,
                batch -> Uni.createFrom().item(batch.stream()
                        .flatMap(request -> Event.each(request.events, request.orgId,
                                raised -> data(request, raised.type)))
                        .toList())));
    }

    private static Map<String, Object> data(WorkflowRequestDocument request, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", request.requestId);
        data.put("requestType", request.requestType.label());
        data.put("userId", request.userId);
        data.put("userName", request.userName);
        data.put("startTime", EpochTime.iso(request.startTime));
        data.put("autoApproved", request.autoApproved);
        if (!CREATED.equals(type)) {
            data.put("actionDecision", request.actionDecision);
            data.put("actionMessage", request.actionMessage);
            data.put("checkerUserId", request.checkerUserId);
            data.put("checkerUserName", request.checkerUserName);
        }
        if (COMPLETED.equals(type) || FAILED.equals(type) || REJECTED.equals(type) || CANCELLED.equals(type)
                || EXPIRED.equals(type)) {
            data.put("endTime", EpochTime.iso(request.endTime));
        }
        if (COMPLETED.equals(type) || FAILED.equals(type)) {
            data.put("outputStatus", request.outputStatus);
        }
        return data;
    }
}
