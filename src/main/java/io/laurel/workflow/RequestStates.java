package io.laurel.workflow;

import java.util.List;

/** The states of a request, as the platform names them; {@code state} of {@link WorkflowRequestDocument}. */
final class RequestStates {

    /** Waiting for a checker. */
    static final String ADMIN_TASK = "AdminTask";
    /** Approved; its task is being sent (or waits for its next attempt). */
    static final String FORWARDING = "IntouchAPITask";
    /** Approved and sent: the target applied it. */
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    /** Approved, but the target refused the task or never answered within the attempts. */
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    /** No checker decided within the deadline. */
    static final String EXPIRED = "expired";

    static final List<String> ALL = List.of(ADMIN_TASK, FORWARDING, APPROVED, REJECTED, FAILED, CANCELLED, EXPIRED);

    private RequestStates() {
    }
}
