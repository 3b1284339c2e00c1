package io.laurel.workflow;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.outbox.HttpSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The workflow's metrics: requests entering each state, and the forward's latency by outcome. */
@ApplicationScoped
class WorkflowMetrics {

    private final MeterRegistry registry;

    WorkflowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request of {@code type} (its label) entered {@code state}. */
    void entered(String type, String state) {
        registry.counter("laurel.workflow.requests", "type", type, "state", state).increment();
    }

    Timer.Sample startForward() {
        return Timer.start(registry);
    }

    /** Ends the forward's timing, tagged with the request type and its outcome ({@link #forwardResult}). */
    void forwarded(Timer.Sample timing, RequestType type, HttpSender.Answer answer) {
        timing.stop(registry.timer("laurel.workflow.forward", "type", type.pathName(), "result",
                forwardResult(answer)));
    }

    /** The forward's outcome as its timer's tag: success, refused (4xx), error (5xx) or unanswered. */
    static String forwardResult(HttpSender.Answer answer) {
        return answer == null ? "unanswered" : answer.success() ? "success" : answer.refused() ? "refused" : "error";
    }
}
