package io.laurel.customer;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.ErrorCode;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final SequenceRepository sequences;
    private final CustomerLookup lookup;

    CustomerService(CustomerRepository customers, SequenceRepository sequences, CustomerLookup lookup) {
        this.customers = customers;
        this.sequences = sequences;
        this.lookup = lookup;
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
