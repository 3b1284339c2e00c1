package io.laurel.customer;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Customer")
public record CustomerView(
        @Schema(example = "382477526") long customerId,
        @Schema(example = "Tom") String firstName,
        @Schema(example = "Sawyer") String lastName,
        @Schema(example = "tom.sawyer@example.com") String email,
        @Schema(example = "+14155550123") String mobile,
        @Schema(example = "crm-382477526") String externalId,
        @Schema(example = "CARD-0001-2345") String cardNumber,
        Instant createdOn,
        @Schema(description = "The current status; label Active until one is set") Status status,
        @Schema(description = "Every status set, oldest first (the last 100)") List<Status> statusHistory) {

    @Schema(name = "CustomerStatus")
    public record Status(@Schema(example = "Suspended") String label, @Schema(example = "testing") String reason,
            @Schema(example = "INSTORE") String source, Instant changedOn, String changedBy) {

        static Status of(CustomerDocument.Status s) {
            return new Status(s.label, s.reason, s.source, s.changedOn, s.changedBy);
        }
    }

    static final Status DEFAULT = new Status("Active", null, null, null, null);

    static CustomerView of(CustomerDocument c) {
        return new CustomerView(c.customerId, c.firstName, c.lastName, c.email, c.mobile, c.externalId, c.cardNumber,
                c.createdOn, c.status == null ? DEFAULT : Status.of(c.status),
                c.statusHistory == null ? List.of() : c.statusHistory.stream().map(Status::of).toList());
    }
}
