package io.laurel.badge;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.laurel.common.ErrorCode;
import io.laurel.common.IdText;

/** A claim or unclaim; ownerType missing is 716 and referenceId missing 717, as the vendor answers. */
@Schema(name = "ClaimRequest")
public record ClaimRequest(
        @Schema(example = "Loyalty") OwnerType ownerType,
        @Schema(example = "626_TransactionAdd", description = "Text, or a whole number as the vendor's clients send it")
        @JsonDeserialize(using = IdText.class) @Size(max = 128) String referenceId) {

    /** 716 or 717 for what is missing; this request otherwise. */
    ClaimRequest required() {
        if (ownerType == null) {
            throw ErrorCode.OWNER_TYPE_MISSING.exception(
                    ErrorCode.OWNER_TYPE_MISSING.message(), "ownerType");
        }
        if (referenceId == null || referenceId.isBlank()) {
            throw ErrorCode.OWNER_ID_MISSING.exception(
                    ErrorCode.OWNER_ID_MISSING.message(), "referenceId");
        }
        return this;
    }
}
