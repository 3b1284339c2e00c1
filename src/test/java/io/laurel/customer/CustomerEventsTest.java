package io.laurel.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.laurel.event.PendingEvents;

/** The status change an event reports is the one made at its time, with the label before it. */
class CustomerEventsTest {

    static CustomerDocument.Status status(String label, long second) {
        CustomerDocument.Status status = new CustomerDocument.Status();
        status.label = label;
        status.changedOn = Instant.ofEpochSecond(second);
        status.changedBy = "care";
        return status;
    }

    static Map<String, Object> data(List<CustomerDocument.Status> history, long second) {
        CustomerDocument customer = new CustomerDocument();
        customer.customerId = 7;
        customer.statusHistory = history;
        PendingEvents.Pending raised = new PendingEvents.Pending();
        raised.type = CustomerEvents.STATUS_CHANGED;
        raised.at = Instant.ofEpochSecond(second);
        return CustomerEvents.data(customer, raised);
    }

    @Test
    void eachEventReportsItsOwnChangeEvenAfterLaterOnes() {
        List<CustomerDocument.Status> history = List.of(status("Suspended", 10), status("Blocked", 20),
                status("Active", 30));
        assertEquals("Suspended", data(history, 10).get("label"));
        assertEquals("Active", data(history, 10).get("previousLabel"), "a first change replaces the default");
        assertEquals("Blocked", data(history, 20).get("label"));
        assertEquals("Suspended", data(history, 20).get("previousLabel"));
        assertEquals("Blocked", data(history, 30).get("previousLabel"));
        assertEquals("1970-01-01T00:00:20Z", data(history, 20).get("changedOn"));
    }

    @Test
    void whatTheKeptHistoryNoLongerTellsIsNull() {
        List<CustomerDocument.Status> full = new ArrayList<>();
        for (int i = 0; i < CustomerDocument.HISTORY; i++) {
            full.add(status(i % 2 == 0 ? "Suspended" : "Active", 100 + i));
        }
        assertNull(data(full, 100).get("previousLabel"), "the change before the oldest kept one is gone");
        assertEquals("Suspended", data(full, 101).get("previousLabel"));
        Map<String, Object> gone = data(full, 5);
        assertNull(gone.get("label"));
        assertEquals(7L, gone.get("customerId"));
    }
}
