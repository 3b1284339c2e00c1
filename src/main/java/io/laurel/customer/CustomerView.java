package io.laurel.customer;

import java.time.Instant;

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
        Instant createdOn) {

    static CustomerView of(CustomerDocument c) {
        return new CustomerView(c.customerId, c.firstName, c.lastName, c.email, c.mobile, c.externalId, c.cardNumber,
                c.createdOn);
    }
}
