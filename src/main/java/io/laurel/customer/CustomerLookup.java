package io.laurel.customer;

import java.util.Collection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.ErrorCode;
import io.smallrye.mutiny.Uni;

/**
 * Resolves the {@code {customerId}} segment of any path: a numeric customerId, or, with
 * {@code X-CAP-CUSTOMER-IDENTIFIER: email|mobile|externalId|cardNumber}, that identifier. Always within one org.
 */
@ApplicationScoped
public class CustomerLookup {

    public static final String IDENTIFIER_HEADER = "X-CAP-CUSTOMER-IDENTIFIER";

    private final CustomerRepository customers;

    CustomerLookup(CustomerRepository customers) {
        this.customers = customers;
    }

    /** The customer, or a failure with 1028 (unknown identifier type) or 1026 (no such customer in the org). */
    public Uni<CustomerDocument> resolve(long orgId, String pathValue, String identifierHeader) {
        Uni<CustomerDocument> found;
        if (identifierHeader == null || identifierHeader.isBlank()) {
            long customerId = parseCustomerId(pathValue);
            found = customerId > 0 ? customers.findByCustomerId(orgId, customerId) : Uni.createFrom().nullItem();
        } else {
            IdentifierType type = IdentifierType.fromHeader(identifierHeader)
                    .orElseThrow(() -> ErrorCode.INVALID_CUSTOMER_IDENTIFIER.exception(
                            "Invalid Customer Identifier type; use email, mobile, externalId or cardNumber",
                            IDENTIFIER_HEADER));
            found = customers.findByIdentifier(orgId, type, pathValue);
        }
        return found.onItem().ifNull().failWith(() -> ErrorCode.CUSTOMER_NOT_FOUND.exception(
                ErrorCode.CUSTOMER_NOT_FOUND.message(), pathValue));
    }

    /** Which of these customerIds are customers of the org, in one query. */
    public Uni<Set<Long>> existing(long orgId, Collection<Long> customerIds) {
        return customers.existingIds(orgId, customerIds);
    }

    private static long parseCustomerId(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
