package io.laurel.points;

import java.util.Set;

import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.identity.Caller;

/**
 * laurel.goodwill.direct-roles: when set, only callers holding one of these roles change a points ledger directly
 * (allocate or redeem); everyone else goes through the request workflow, whose service user holds one.
 */
record DirectRoles(Set<String> roles) {

    static DirectRoles of(LaurelConfig config) {
        return new DirectRoles(config.goodwill().directRoles().orElse(Set.of()));
    }

    /** A 403 unless the caller may; {@code what} says what was asked ("Goodwill points are given"). */
    void require(Caller caller, String what) {
        if (!roles.isEmpty() && roles.stream().noneMatch(caller::has)) {
            throw ErrorCode.FORBIDDEN.exception(what + " by the callers holding one of " + String.join(", ", roles)
                    + "; others go through the request workflow", null);
        }
    }
}
