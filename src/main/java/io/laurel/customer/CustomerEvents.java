package io.laurel.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.EpochTime;
import io.laurel.event.Event;
import io.laurel.event.EventSource;
import io.laurel.event.PendingEvents;
import io.smallrye.mutiny.Uni;

/**
 * The customer feature's event: {@code customer.status.changed}, raised by the update that sets a new status label,
 * with that change and the label it replaced, read from the status history (so a later change does not rewrite it).
 */
@ApplicationScoped
public class CustomerEvents implements EventSource {

    public static final String STATUS_CHANGED = "customer.status.changed";

    private final CustomerRepository customers;

    CustomerEvents(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<CustomerDocument>("customers", customers::mongoCollection, c -> c.id, c -> c.events,
                batch -> Uni.createFrom().item(batch.stream()
                        .flatMap(customer -> Event.each(customer.events, customer.orgId, raised -> data(customer,
                                raised)))
                        .toList())));
    }

    /**
     * The change made at the event's time, found in the history, and the label before it (the default for the first
     * change); null where the history, which keeps the last {@link CustomerDocument#HISTORY}, no longer tells.
     */
    static Map<String, Object> data(CustomerDocument customer, PendingEvents.Pending raised) {
        List<CustomerDocument.Status> history = customer.statusHistory == null ? List.of() : customer.statusHistory;
        int at = -1;
        for (int i = history.size() - 1; i >= 0 && at < 0; i--) {
            if (raised.at.equals(history.get(i).changedOn)) {
                at = i;
            }
        }
        CustomerDocument.Status change = at < 0 ? null : history.get(at);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", customer.customerId);
        data.put("label", change == null ? null : change.label);
        data.put("previousLabel", at > 0 ? history.get(at - 1).label
                : at == 0 && history.size() < CustomerDocument.HISTORY ? CustomerView.DEFAULT.label() : null);
        data.put("reason", change == null ? null : change.reason);
        data.put("source", change == null ? null : change.source);
        data.put("changedOn", EpochTime.iso(raised.at));
        data.put("changedBy", change == null ? null : change.changedBy);
        return data;
    }
}
