package io.laurel.award;

import io.laurel.badge.OwnerType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Which module, and which of its objects, triggered an issue or earn (stored form of {@code triggeredBy}). */
@RegisterForReflection
public class Trigger {
    public OwnerType ownerType;
    public String referenceId;

    static Trigger of(TriggeredBy request) {
        Trigger trigger = new Trigger();
        trigger.ownerType = request.ownerType();
        trigger.referenceId = request.referenceId();
        return trigger;
    }
}
