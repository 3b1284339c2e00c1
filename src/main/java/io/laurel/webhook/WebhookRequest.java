package io.laurel.webhook;

import java.util.List;

/**
 * A subscription as a client sends it: the URL events are POSTed to, the event types (or patterns ending in
 * {@code *}) it wants, and whether it is active (default true). On update, a field left out keeps its value.
 */
public record WebhookRequest(String url, List<String> eventTypes, Boolean active) {
}
