package io.laurel.badge;

import java.util.List;

/**
 * A badge's earn limits, typed ({@link EarnLimit}): what the award feature is handed instead of the stored constraint
 * documents. Parsed once per definition read ({@link BadgeCatalog#limits}).
 */
public record BadgeLimits(List<EarnLimit> customer, List<EarnLimit> badge) {

    static BadgeLimits of(BadgeMetaDocument badge) {
        return new BadgeLimits(EarnLimit.of(badge, EarnLimit.Level.CUSTOMER), EarnLimit.of(badge, EarnLimit.Level.BADGE));
    }
}
