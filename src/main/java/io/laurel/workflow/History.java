package io.laurel.workflow;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

/** A request's audit trail: each transition appended by the same update that makes it, never edited. */
final class History {

    private History() {
    }

    /** A transition; {@code userId} null when the system made it. */
    static WorkflowRequestDocument.Transition step(String state, String action, Long userId, String userName,
            Instant at, String message, Integer outputStatus) {
        WorkflowRequestDocument.Transition transition = new WorkflowRequestDocument.Transition();
        transition.state = state;
        transition.action = action;
        transition.userId = userId;
        transition.userName = userName;
        transition.at = at;
        transition.message = message;
        transition.outputStatus = outputStatus;
        return transition;
    }

    /** The update that appends {@code transition} to the request's history. */
    static Bson append(WorkflowRequestDocument.Transition transition) {
        Document entry = new Document("state", transition.state).append("action", transition.action);
        if (transition.userId != null) {
            entry.append("userId", transition.userId).append("userName", transition.userName);
        }
        entry.append("at", Date.from(transition.at));
        if (transition.message != null) {
            entry.append("message", transition.message);
        }
        if (transition.outputStatus != null) {
            entry.append("outputStatus", transition.outputStatus);
        }
        return Updates.push("history", entry);
    }
}
