package io.laurel.customer;

import java.util.Locale;
import java.util.Optional;

/** The values of {@code X-CAP-CUSTOMER-IDENTIFIER}, each with the way its values are compared. */
public enum IdentifierType {
    EMAIL("email", "emailKey") {
        @Override
        String normalize(String value) {
            return value.trim().toLowerCase(Locale.ROOT);
        }
    },
    MOBILE("mobile", "mobileKey") {
        @Override
        String normalize(String value) {
            return value.replaceAll("[\\s().-]", "");
        }
    },
    EXTERNAL_ID("externalId", "externalIdKey"),
    CARD_NUMBER("cardNumber", "cardNumberKey");

    private final String header;
    private final String keyField;

    IdentifierType(String header, String keyField) {
        this.header = header;
        this.keyField = keyField;
    }

    /** The header value naming this type, also the request field. */
    public String header() {
        return header;
    }

    /** The document field holding {@code orgId:value}, unique per org through a sparse unique index. */
    String keyField() {
        return keyField;
    }

    /** The canonical form stored and looked up: emails lower-cased, mobiles without separators. */
    String normalize(String value) {
        return value.trim();
    }

    String key(long orgId, String value) {
        return orgId + ":" + normalize(value);
    }

    static Optional<IdentifierType> fromHeader(String header) {
        for (IdentifierType type : values()) {
            if (type.header.equalsIgnoreCase(header.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
