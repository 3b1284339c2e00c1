package io.laurel.console;

import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/** What the console's pages show: plain values, formatted for people, nothing the templates must compute. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** The frame of every signed-in page: who is signed in, what they may do, the form token. */
    @TemplateData
    public record Chrome(String title, String section, String user, long orgId, boolean checker, boolean maker,
            String csrf) {
    }

    /** One request in a list. */
    @TemplateData
    public record Row(String requestId, String type, String typeName, String state, String stateName, String maker,
            String store, String till, String started, String summary) {
    }

    /** A page of rows and the filters that chose it. */
    @TemplateData
    public record Listing(List<Row> rows, long total, int page, int pages, Map<String, String> filters,
            List<Choice> types, List<Choice> states, String prevLink, String nextLink) {
    }

    /** A choice of a select: value, label, whether selected. */
    @TemplateData
    public record Choice(String value, String label, boolean selected) {
    }

    /** One transition of a request's history. */
    @TemplateData
    public record Step(String at, String action, String state, String who, String message, String outputStatus) {
    }

    /** One request, whole. */
    @TemplateData
    public record Detail(Row row, String zone, String concept, String ended, String method, String target,
            String payload, String decision, String decisionMessage, String checker, String outputStatus,
            String output, List<Step> history, boolean canDecide, boolean canCancel, boolean ownRequest,
            String balance) {

        /** The same, with the customer's points balance as it is now (goodwill requests). */
        Detail withBalance(String now) {
            return new Detail(row, zone, concept, ended, method, target, payload, decision, decisionMessage, checker,
                    outputStatus, output, history, canDecide, canCancel, ownRequest, now);
        }
    }

    /** A maker's form: the values typed so far and the badges to earn. */
    @TemplateData
    public record MakerForm(String kind, Map<String, String> values, List<Choice> badges) {
    }
}
