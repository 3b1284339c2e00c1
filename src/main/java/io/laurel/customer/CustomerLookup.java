package io.laurel.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;

import io.laurel.common.ErrorCode;
import io.smallrye.mutiny.Uni;

/**
 * Resolves the {@code {customerId}} segment of any path: a numeric customerId, or, with
 * {@code X-CAP-CUSTOMER-IDENTIFIER: email|mobile|externalId|cardNumber}, that identifier. Always within one org.
 */
@ApplicationScoped
public class CustomerLookup {

    public static final String IDENTIFIER_HEADER = "X-CAP-CUSTOMER-IDENTIFIER";

    private static final int MAX_KNOWN = 200_000;

    private final CustomerRepository customers;
    /** Customers found before, as orgId:customerId. */
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    CustomerLookup(CustomerRepository customers) {
        this.customers = customers;
    }

    /** The customer, or a failure with 1028 (unknown identifier type) or 1026 (no such customer in the org). */
    public Uni<CustomerDocument> resolve(long orgId, String pathValue, String identifierHeader) {
        Bson filter = filter(orgId, pathValue, identifierHeader);
        Uni<CustomerDocument> found = filter == null ? Uni.createFrom().nullItem()
                : customers.mongoCollection().find(filter).collect().first();
        return found.onItem().ifNull().failWith(() -> notFound(pathValue));
    }

    /**
     * The customer as a raw document with {@code stages} applied to it (for example {@code $lookup}s of the
     * customer's records in other collections), in the same single round trip as the lookup itself.
     */
    public Uni<Document> resolveJoined(long orgId, String pathValue, String identifierHeader, List<Bson> stages) {
        Bson filter = filter(orgId, pathValue, identifierHeader);
        if (filter == null) {
            return Uni.createFrom().failure(notFound(pathValue));
        }
        List<Bson> pipeline = new ArrayList<>();
        pipeline.add(Aggregates.match(filter));
        pipeline.add(Aggregates.limit(1));
        pipeline.addAll(stages);
        return customers.mongoCollection().aggregate(pipeline, Document.class).collect().first()
                .onItem().ifNull().failWith(() -> notFound(pathValue));
    }

    /**
     * Fails with 1026 unless the customer exists. Customers are never deleted, so a customer found once is remembered
     * (up to {@link #MAX_KNOWN} of them, then the memory starts over): the award calls made for a customer again and
     * again cost no lookup.
     */
    public Uni<Void> requireKnown(long orgId, long customerId) {
        String key = orgId + ":" + customerId;
        if (known.containsKey(key)) {
            return Uni.createFrom().voidItem();
        }
        return resolve(orgId, Long.toString(customerId), null).invoke(found -> {
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(key, Boolean.TRUE);
        }).replaceWithVoid();
    }

    /** Which of these customerIds are customers of the org, in one query. */
    public Uni<Set<Long>> existing(long orgId, Collection<Long> customerIds) {
        return customers.existingIds(orgId, customerIds);
    }

    /** The query that finds the customer; null when the segment cannot name one (a non-numeric id). */
    private static Bson filter(long orgId, String pathValue, String identifierHeader) {
        if (identifierHeader == null || identifierHeader.isBlank()) {
            long customerId = parseCustomerId(pathValue);
            return customerId > 0 ? Filters.and(Filters.eq("orgId", orgId), Filters.eq("customerId", customerId)) : null;
        }
        IdentifierType type = IdentifierType.fromHeader(identifierHeader)
                .orElseThrow(() -> ErrorCode.INVALID_CUSTOMER_IDENTIFIER.exception(
                        "Invalid Customer Identifier type; use email, mobile, externalId or cardNumber",
                        IDENTIFIER_HEADER));
        return Filters.and(Filters.eq("orgId", orgId), Filters.eq(type.keyField(), type.key(orgId, pathValue)));
    }

    private static RuntimeException notFound(String pathValue) {
        return ErrorCode.CUSTOMER_NOT_FOUND.exception(ErrorCode.CUSTOMER_NOT_FOUND.message(), pathValue);
    }

    private static long parseCustomerId(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
