package io.laurel.award;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.laurel.badge.OwnerType;
import io.laurel.common.IdText;

/** The module that issues or earns; ownerType must be in the badge's restrictedToOwners (714), missing is 716. */
public record TriggeredBy(
        @Schema(example = "Loyalty") OwnerType ownerType,
        @Schema(example = "123694", description = "Text, or a whole number")
        @JsonDeserialize(using = IdText.class) @Size(max = 128) String referenceId) {

    static TriggeredBy of(Trigger trigger) {
        return new TriggeredBy(trigger.ownerType, trigger.referenceId);
    }
}
