package io.laurel.customer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final SequenceRepository sequences;
    private final CustomerLookup lookup;
    private final List<String> statusLabels;

    CustomerService(CustomerRepository customers, SequenceRepository sequences, CustomerLookup lookup,
            LaurelConfig config) {
        this.customers = customers;
        this.sequences = sequences;
        this.lookup = lookup;
        this.statusLabels = config.customers().statusLabels().stream().map(String::trim).toList();
    }

    public Uni<CustomerView> create(Caller caller, CustomerRequest request) {
        if (Arrays.stream(IdentifierType.values()).allMatch(type -> request.identifier(type) == null)) {
            return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception(
                    "At least one identifier is required: email, mobile, externalId or cardNumber"));
        }
        return sequences.next("customers").chain(customerId -> {
            CustomerDocument customer = new CustomerDocument();
            customer.orgId = caller.orgId();
            customer.customerId = customerId;
            customer.firstName = request.firstName();
            customer.lastName = request.lastName();
            customer.createdOn = Times.now();
            customer.createdBy = caller.username();
            customer.email = normalized(IdentifierType.EMAIL, request);
            customer.mobile = normalized(IdentifierType.MOBILE, request);
            customer.externalId = normalized(IdentifierType.EXTERNAL_ID, request);
            customer.cardNumber = normalized(IdentifierType.CARD_NUMBER, request);
            customer.emailKey = key(IdentifierType.EMAIL, caller.orgId(), request);
            customer.mobileKey = key(IdentifierType.MOBILE, caller.orgId(), request);
            customer.externalIdKey = key(IdentifierType.EXTERNAL_ID, caller.orgId(), request);
            customer.cardNumberKey = key(IdentifierType.CARD_NUMBER, caller.orgId(), request);
            return customers.persist(customer);
        }).onFailure(SequenceRepository::isDuplicateKey).transform(CustomerService::duplicateIdentifier)
                .map(CustomerView::of);
    }

    public Uni<CustomerView> get(Caller caller, String customerId, String identifierType) {
        return lookup.resolve(caller.orgId(), customerId, identifierType).map(CustomerView::of);
    }

    /**
     * Sets the status of the customer named by {@code identifierName}/{@code identifierValue} (the vendor's names:
     * mobile, email, externalId, cardnumber; also id). One conditional update sets it and appends it to the history,
     * and only when the label changes: the same label again (a resend) answers the customer as it is. With
     * {@code validateOnly}, checks and answers null.
     */
    public Uni<CustomerView> changeStatus(Caller caller, String source, String identifierName, String identifierValue,
            CustomerStatusRequest request, boolean validateOnly) {
        return Uni.createFrom().deferred(() -> {
            if (identifierName == null || identifierName.isBlank()) {
                throw ErrorCode.INVALID_INPUT.exception("identifierName is required", "identifierName");
            }
            if (identifierValue == null || identifierValue.isBlank()) {
                throw ErrorCode.INVALID_INPUT.exception("identifierValue is required", "identifierValue");
            }
            if (source != null && source.length() > 64) {
                throw ErrorCode.INVALID_INPUT.exception("source is at most 64 characters", "source");
            }
            String label = statusLabels.stream().filter(l -> l.equalsIgnoreCase(request.label().trim())).findFirst()
                    .orElseThrow(() -> ErrorCode.INVALID_INPUT.exception("label must be one of "
                            + String.join(", ", statusLabels), "label"));
            boolean byId = identifierName.trim().equalsIgnoreCase("id")
                    || identifierName.trim().equalsIgnoreCase("customerId");
            return lookup.resolve(caller.orgId(), identifierValue, byId ? null : identifierName).chain(customer -> {
                if (validateOnly) {
                    return Uni.createFrom().nullItem();
                }
                Instant now = Times.now();
                Document status = new Document("label", label).append("reason", request.reason())
                        .append("source", source == null ? null : source.trim().toUpperCase(Locale.ROOT))
                        .append("changedOn", Date.from(now)).append("changedBy", caller.username());
                return customers.mongoCollection().findOneAndUpdate(
                        Filters.and(Filters.eq("orgId", caller.orgId()), Filters.eq("customerId", customer.customerId),
                                Filters.ne("status.label", label)),
                        Updates.combine(Updates.set("status", status), Updates.pushEach("statusHistory",
                                List.of(status), new PushOptions().slice(-CustomerDocument.HISTORY)),
                                PendingEvents.raise(CustomerDocument.COLLECTION, customer.id,
                                        CustomerEvents.STATUS_CHANGED, now)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                        .map(changed -> changed == null ? customer : changed);
            });
        }).map(customer -> customer == null ? null : CustomerView.of(customer));
    }

    private static String normalized(IdentifierType type, CustomerRequest request) {
        String value = request.identifier(type);
        return value == null ? null : type.normalize(value);
    }

    private static String key(IdentifierType type, long orgId, CustomerRequest request) {
        String value = request.identifier(type);
        return value == null ? null : type.key(orgId, value);
    }

    private static Throwable duplicateIdentifier(Throwable e) {
        String message = String.valueOf(e.getMessage());
        for (IdentifierType type : IdentifierType.values()) {
            if (message.contains(CustomerRepository.uniqueIndexName(type))) {
                return ErrorCode.CONFLICT.exception(
                        "A customer of this org already has this " + type.header(), type.header());
            }
        }
        return ErrorCode.CONFLICT.exception("A customer of this org already has one of these identifiers");
    }
}
