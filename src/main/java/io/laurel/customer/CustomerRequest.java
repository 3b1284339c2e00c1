package io.laurel.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateCustomerRequest", description = "At least one of email, mobile, externalId, cardNumber")
public record CustomerRequest(
        @Schema(example = "Tom") @Size(max = 100) String firstName,
        @Schema(example = "Sawyer") @Size(max = 100) String lastName,
        @Schema(example = "tom.sawyer@example.com") @Email @Size(max = 254) String email,
        @Schema(example = "+14155550123", description = "Digits with an optional leading +; spaces, dots, dashes and brackets are ignored")
        @Pattern(regexp = "\\+?[0-9 ().-]{6,24}", message = "must be a phone number of digits with an optional leading +")
        String mobile,
        @Schema(example = "crm-382477526") @Size(min = 1, max = 128) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String externalId,
        @Schema(example = "CARD-0001-2345") @Size(min = 1, max = 128) @Pattern(regexp = "\\S(.*\\S)?", message = "must not start or end with white space") String cardNumber) {

    String identifier(IdentifierType type) {
        return switch (type) {
            case EMAIL -> email;
            case MOBILE -> mobile;
            case EXTERNAL_ID -> externalId;
            case CARD_NUMBER -> cardNumber;
        };
    }
}
