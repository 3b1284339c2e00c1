package io.laurel.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.laurel.common.ErrorCode;
import io.laurel.identity.Caller;
import io.laurel.identity.Roles;
import io.laurel.workflow.PayloadHeaders;
import io.laurel.workflow.RequestType;
import io.laurel.workflow.WorkflowRequests;
import io.laurel.workflow.WorkflowView;

/** Turns requests into what the console's pages show, and the maker's forms into workflow requests. */
final class ConsolePresenter {

    /** The maker forms: goodwill points and earn a badge. */
    static final Set<String> KINDS = Set.of("goodwill", "earn-badge");
    static final int MAX_MESSAGE = 2000;

    private final ObjectMapper json;

    ConsolePresenter(ObjectMapper json) {
        this.json = json;
    }

    static String typeName(RequestType type) {
        return switch (type) {
            case GOODWILL_POINTS -> "Goodwill points";
            case EARN_BADGE -> "Earn a badge";
            case ISSUE_BADGE -> "Issue a badge";
            case CUSTOMER_STATUS_CHANGE -> "Customer status change";
            case POINTS_REDEMPTION -> "Points redemption";
        };
    }

    static String stateName(String state) {
        return switch (state) {
            case "AdminTask" -> "Waiting for a checker";
            case "IntouchAPITask" -> "Approved, being applied";
            case "approved" -> "Approved and applied";
            case "rejected" -> "Rejected";
            case "failed" -> "Approved, but the target refused it";
            case "cancelled" -> "Cancelled";
            case "expired" -> "Expired unchecked";
            default -> state;
        };
    }

    String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "approved" -> "Approved. The task was sent to its target; its outcome is below.";
            case "rejected" -> "Rejected. The request will not be applied.";
            case "cancelled" -> "Cancelled. The request will not be applied.";
            case "made" -> "Request made. It waits for a checker.";
            default -> null;
        };
    }

    String message(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        if (message.length() > MAX_MESSAGE) {
            throw ErrorCode.INVALID_INPUT.exception("The message is at most " + MAX_MESSAGE + " characters", "message");
        }
        return message.trim();
    }

    ConsoleViews.Row row(WorkflowView view) {
        RequestType type = RequestType.parse(view.requestType());
        WorkflowRequests.EntityInfo entity = view.entityInfo();
        return new ConsoleViews.Row(view.requestId(), type.pathName(), typeName(type), view.state(),
                stateName(view.state()), view.userName(), entity == null ? "" : entity.storeId(),
                entity == null ? "" : entity.tillId(), when(view.startTime()), summary(type, view.details().task()));
    }

    ConsoleViews.Listing listing(WorkflowView.Page page, Map<String, String> filters, String base) {
        List<ConsoleViews.Row> rows = page.data().stream().map(this::row).toList();
        int number = (int) page.pagination().number();
        int pages = (int) page.pagination().totalPages();
        return new ConsoleViews.Listing(rows, page.pagination().totalElements(), number + 1, Math.max(pages, 1),
                filters, typeChoices(filters.get("type")), stateChoices(filters.get("state")),
                number > 0 ? link(base, filters, number) : null,
                number + 1 < pages ? link(base, filters, number + 2) : null);
    }

    ConsoleViews.Listing empty(Map<String, String> filters) {
        return new ConsoleViews.Listing(List.of(), 0, 1, 1, filters, typeChoices(filters.get("type")),
                stateChoices(filters.get("state")), null, null);
    }

    static List<ConsoleViews.Choice> typeChoices(String selected) {
        List<ConsoleViews.Choice> choices = new ArrayList<>();
        choices.add(new ConsoleViews.Choice("", "All types", selected == null || selected.isBlank()));
        for (RequestType type : RequestType.values()) {
            choices.add(new ConsoleViews.Choice(type.pathName(), typeName(type),
                    type.pathName().equalsIgnoreCase(selected == null ? "" : selected)));
        }
        return choices;
    }

    static List<ConsoleViews.Choice> stateChoices(String selected) {
        List<ConsoleViews.Choice> choices = new ArrayList<>();
        choices.add(new ConsoleViews.Choice("", "All states", selected == null || selected.isBlank()));
        for (String state : List.of("AdminTask", "IntouchAPITask", "approved", "rejected", "failed", "cancelled",
                "expired")) {
            choices.add(new ConsoleViews.Choice(state, stateName(state), state.equals(selected)));
        }
        return choices;
    }

    private static String link(String base, Map<String, String> filters, int page) {
        StringBuilder link = new StringBuilder(base).append("?page=").append(page);
        filters.forEach((name, value) -> {
            if (!value.isEmpty()) {
                link.append('&').append(name).append('=').append(ConsoleResource.encode(value));
            }
        });
        return link.toString();
    }

    ConsoleViews.Detail detail(WorkflowView view, Caller caller) {
        ConsoleViews.Row row = row(view);
        JsonNode task = view.details().task();
        boolean waiting = "AdminTask".equals(view.state());
        boolean own = view.userId() == caller.userId();
        boolean admin = caller.has(Roles.ORG_ADMIN) || caller.has(Roles.PLATFORM_ADMIN);
        List<ConsoleViews.Step> history = new ArrayList<>();
        for (WorkflowView.Transition t : view.history()) {
            history.add(new ConsoleViews.Step(when(t.at()), t.action(), stateName(t.state()),
                    t.userName() == null ? "Laurel" : t.userName(), t.message() == null ? "" : t.message(),
                    t.outputStatus() == null ? "" : Integer.toString(t.outputStatus())));
        }
        WorkflowView.Output output = view.details().output();
        WorkflowRequests.AdminTask decision = view.details().adminTask();
        String checker = view.history().stream()
                .filter(t -> "approved".equals(t.action()) || "rejected".equals(t.action()))
                .map(t -> t.userName() == null ? "Laurel (auto-approve)" : t.userName()).findFirst().orElse("");
        return new ConsoleViews.Detail(row, view.entityInfo() == null ? "" : view.entityInfo().zoneId(),
                view.entityInfo() == null ? "" : view.entityInfo().conceptId(),
                view.endTime() == null ? "" : when(view.endTime()), task.path("method").asText(),
                task.path("path").asText(), pretty(masked(task)),
                decision == null ? "" : decision.actionDecision(),
                decision == null || decision.actionMessage() == null ? "" : decision.actionMessage(), checker,
                output == null ? "" : Integer.toString(output.status()),
                output == null ? "" : pretty(output.body()), history,
                waiting && !own && caller.has(Roles.CAN_CHECK_REQUEST), waiting && (own || admin), own, "");
    }

    /** The form's request: the task for this service itself, with no credentials (sent on the maker's behalf). */
    WorkflowRequests.Create request(String kind, Map<String, String> values, String reference) {
        ObjectNode body = json.createObjectNode();
        String customer = required(values, "customerId", "Customer ID");
        long customerId = number(customer, "Customer ID");
        if ("goodwill".equals(kind)) {
            body.put("referenceId", reference);
            body.put("reason", required(values, "reason", "Reason"));
            body.put("baseType", "POINTS");
            body.put("programId", number(required(values, "programId", "Program ID"), "Program ID"));
            body.put("awardingTillId", number(required(values, "tillId", "Till"), "Till"));
            body.put("earningEntityType", "CUSTOMER");
            body.put("earningEntityId", customerId);
            body.put("points", number(required(values, "points", "Points"), "Points"));
            body.put("source", "CONSOLE");
        } else {
            body.put("badgeMetaId", required(values, "badgeMetaId", "Badge"));
            body.put("customerId", customerId);
            body.put("requestId", reference);
            body.putObject("triggeredBy").put("ownerType", "Membercare").put("referenceId", reference);
        }
        RequestType type = typeOf(kind);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        return new WorkflowRequests.Create(new WorkflowRequests.EntityInfo(required(values, "tillId", "Till"),
                required(values, "storeId", "Store"), orZero(values.get("zoneId")), orZero(values.get("conceptId"))),
                new WorkflowRequests.Payload(new WorkflowRequests.Task("", type.target(), type.method(), Map.of(),
                        Map.of(), body, headers)));
    }

    /** The customer a goodwill request gives points to; null for other types. */
    static String goodwillCustomer(WorkflowView view) {
        return RequestType.parse(view.requestType()) == RequestType.GOODWILL_POINTS
                ? view.details().task().path("body").path("earningEntityId").asText(null) : null;
    }

    RequestType typeOf(String kind) {
        return "goodwill".equals(kind) ? RequestType.GOODWILL_POINTS : RequestType.EARN_BADGE;
    }

    /** A line a checker reads first: what the request would do. */
    private static String summary(RequestType type, JsonNode task) {
        JsonNode body = task.path("body");
        return switch (type) {
            case GOODWILL_POINTS -> body.path("points").asText() + " points to customer "
                    + body.path("earningEntityId").asText() + (body.hasNonNull("reason") ? ": "
                            + body.path("reason").asText() : "");
            case EARN_BADGE -> "Badge " + body.path("badgeMetaId").asText() + " for customer "
                    + body.path("customerId").asText();
            case ISSUE_BADGE -> "Badge " + body.path("badgeMetaId").asText() + " to "
                    + body.path("customers").size() + " customer(s)";
            case CUSTOMER_STATUS_CHANGE -> "Status " + body.path("label").asText() + " for "
                    + task.path("queryParams").path("identifierName").asText() + " "
                    + task.path("queryParams").path("identifierValue").asText();
            case POINTS_REDEMPTION -> "Redeem " + body.path("root").path("redeem").path("points_redeemed").asText()
                    + " points of " + customerOf(body.path("root").path("redeem").path("customer"));
        };
    }

    private static String customerOf(JsonNode customer) {
        Iterator<Map.Entry<String, JsonNode>> fields = customer.fields();
        if (!fields.hasNext()) {
            return "a customer";
        }
        Map.Entry<String, JsonNode> first = fields.next();
        return first.getKey() + " " + first.getValue().asText();
    }

    /** A copy with every credential-named field, at any depth, shown as ****. */
    private JsonNode masked(JsonNode node) {
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (PayloadHeaders.isSecret(name) && object.get(name).isValueNode()) {
                    object.put(name, PayloadHeaders.MASK);
                } else {
                    mask(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ConsolePresenter::mask);
        }
    }

    private String pretty(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    /** 2026-12-03T10:15:00 (UTC) as 2026-12-03 10:15 UTC. */
    static String when(String time) {
        if (time == null || time.length() < 16) {
            return time == null ? "" : time;
        }
        return time.substring(0, 10) + " " + time.substring(11, 16) + " UTC";
    }

    private static String required(Map<String, String> values, String name, String label) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw ErrorCode.INVALID_INPUT.exception(label + " is required.", name);
        }
        return value.trim();
    }

    private static long number(String value, String label) {
        try {
            long number = Long.parseLong(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ErrorCode.INVALID_INPUT.exception(label + " must be a whole number above zero.", label);
    }

    private static String orZero(String value) {
        return value == null || value.isBlank() ? "0" : value.trim();
    }
}
