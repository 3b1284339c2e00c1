package io.laurel.badge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.BadgeMetaDocument.Expiry;
import io.laurel.common.ErrorCode;

/**
 * What makes a badge definition complete and consistent. Run on every definition before it is stored, whether
 * created or merged from an update, so both paths obey one set of rules. Normalizes constraints to their kind.
 */
final class BadgeMetaRules {

    static final String ACTIVE_CYCLE = "ACTIVE";

    private BadgeMetaRules() {
    }

    static void check(BadgeMetaDocument d) {
        require(d.name != null && !d.name.isBlank(), "name is required", "name");
        require(d.startOn != null, "startOn (or startOnISO) is required", "startOn");
        require(d.expiresOn != null, "expiresOn (or expiresOnISO) is required", "expiresOn");
        if (!d.expiresOn.isAfter(d.startOn)) {
            throw ErrorCode.START_AFTER_END.exception("expiresOn must be after startOn", "expiresOn");
        }
        require(d.earnType != null, "earnType is required: EARN or ISSUE_EARN", "earnType");
        if (d.ownership == null || d.ownership.restrictedToOwners == null || d.ownership.restrictedToOwners.isEmpty()) {
            throw ErrorCode.NO_OWNER.exception(ErrorCode.NO_OWNER.message(), "ownership.restrictedToOwners");
        }
        checkConstraints(d.customerConstraints, "customerConstraints", true);
        checkConstraints(d.badgeConstraints, "badgeConstraints", false);
        checkDistinctReferences(d);
        checkExpiry(d.earnedBadgeExpiry, "earnedBadgeExpiry", d);
        checkExpiry(d.issuedBadgeExpiry, "issuedBadgeExpiry", d);
    }

    /**
     * On update, a list of limits may not switch between fixed windows and the other limits (fixed value, rolling
     * window): their counters mean different things (826, as the vendor).
     */
    static void checkKindKept(List<Constraint> stored, List<Constraint> updated, String field) {
        boolean storedWindow = has(stored, true);
        boolean storedOther = has(stored, false);
        boolean newWindow = has(updated, true) && !storedWindow;
        boolean newOther = has(updated, false) && !storedOther;
        if ((newWindow && storedOther) || (newOther && storedWindow)) {
            throw ErrorCode.CONSTRAINT_KIND_CHANGE.exception(ErrorCode.CONSTRAINT_KIND_CHANGE.message(), field);
        }
    }

    private static boolean has(List<Constraint> constraints, boolean fixedWindow) {
        return constraints != null && constraints.stream().anyMatch(c -> c.constraintType != null
                && !c.constraintType.isNoLimit() && c.constraintType.isFixedWindow() == fixedWindow);
    }

    private static void checkConstraints(List<Constraint> constraints, String field, boolean perCustomer) {
        if (constraints == null) {
            return;
        }
        for (int i = 0; i < constraints.size(); i++) {
            Constraint c = constraints.get(i);
            String at = field + "[" + i + "]";
            require(c.constraintType.perCustomer() == perCustomer, c.constraintType + " belongs in "
                    + (perCustomer ? "badgeConstraints" : "customerConstraints"), at + ".constraintType");
            switch (c.constraintType) {
                case CUSTOMER_BADGE_FIXED_VALUE, BADGE_FIXED_VALUE -> keepOnly(c, at, Field.LIMIT);
                case CUSTOMER_BADGE_ROLLING_WINDOW -> {
                    keepOnly(c, at, Field.ROLLING_PAIRS);
                    boolean days = pair(c.maxEarnForDays, c.rollForDays, at, "Days");
                    boolean weeks = pair(c.maxEarnForWeeks, c.rollForWeeks, at, "Weeks");
                    boolean months = pair(c.maxEarnForMonths, c.rollForMonths, at, "Months");
                    require(days || weeks || months,
                            "a rolling window needs at least one of maxEarnForDays+rollForDays, "
                                    + "maxEarnForWeeks+rollForWeeks, maxEarnForMonths+rollForMonths",
                            at);
                }
                case CUSTOMER_BADGE_FIXED_WINDOW, BADGE_FIXED_WINDOW -> {
                    keepOnly(c, at, Field.FIXED_WINDOW);
                    require(c.durationType != null, "durationType is required: DAYS, WEEKS or MONTHS", at + ".durationType");
                    if (c.refreshRate == null) {
                        c.refreshRate = 1;
                    }
                    if (c.referenceId == null) {
                        c.referenceId = UUID.randomUUID().toString();
                    }
                    if (c.cycleStatus == null) {
                        c.cycleStatus = ACTIVE_CYCLE;
                    }
                    require(c.startDate == null || c.endDate == null || c.endDate.isAfter(c.startDate),
                            "endDate must be after startDate", at + ".endDate");
                }
                case BADGE_ROLLING_WINDOW -> {
                    keepOnly(c, at, Field.BADGE_ROLLING);
                    require(c.rollType != null, "rollType is required: DAYS, WEEKS or MONTHS", at + ".rollType");
                    require(c.rollValue != null, "rollValue is required", at + ".rollValue");
                }
                case CUSTOMER_BADGE_NO_LIMIT, BADGE_NO_LIMIT -> keepOnly(c, at, Field.NONE);
            }
            if (c.constraintType != ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW
                    && !c.constraintType.isNoLimit()) {
                require(c.maxEarnLimit != null, "maxEarnLimit is required for " + c.constraintType,
                        at + ".maxEarnLimit");
            }
        }
    }

    /** A fixed window's referenceId names its counters: two windows of one badge may not share one. */
    private static void checkDistinctReferences(BadgeMetaDocument d) {
        Set<String> seen = new HashSet<>();
        for (String field : List.of("customerConstraints", "badgeConstraints")) {
            List<Constraint> constraints = field.equals("customerConstraints") ? d.customerConstraints : d.badgeConstraints;
            for (int i = 0; constraints != null && i < constraints.size(); i++) {
                String reference = constraints.get(i).referenceId;
                require(reference == null || seen.add(reference), "referenceId " + reference
                        + " is used by another constraint of this badge", field + "[" + i + "].referenceId");
            }
        }
    }

    /** Which fields each kind owns; the others are cleared so a stored constraint says only what it means. */
    private enum Field {
        LIMIT, ROLLING_PAIRS, FIXED_WINDOW, BADGE_ROLLING, NONE
    }

    private static void keepOnly(Constraint c, String at, Field kind) {
        if (kind != Field.LIMIT && kind != Field.FIXED_WINDOW && kind != Field.BADGE_ROLLING) {
            c.maxEarnLimit = null;
        }
        if (kind != Field.ROLLING_PAIRS) {
            c.maxEarnForDays = null;
            c.rollForDays = null;
            c.maxEarnForWeeks = null;
            c.rollForWeeks = null;
            c.maxEarnForMonths = null;
            c.rollForMonths = null;
        }
        if (kind != Field.FIXED_WINDOW) {
            c.durationType = null;
            c.refreshRate = null;
            c.startDate = null;
            c.endDate = null;
            c.cycleStatus = null;
        }
        if (kind != Field.FIXED_WINDOW || c.durationType != DurationType.WEEKS) {
            c.startDayOfTheWeek = null; // only weeks have a first day
        }
        if (kind != Field.BADGE_ROLLING) {
            c.rollType = null;
            c.rollValue = null;
        }
    }

    /** A rolling window's limit and length come together or not at all. */
    private static boolean pair(Integer max, Integer roll, String at, String unit) {
        require((max == null) == (roll == null), "maxEarnFor" + unit + " and rollFor" + unit + " must be given together",
                at + ".maxEarnFor" + unit);
        return max != null;
    }

    private static void checkExpiry(Expiry e, String field, BadgeMetaDocument d) {
        if (e == null) {
            return;
        }
        switch (e.expiryType) {
            case ABSOLUTE -> {
                require(e.expiresOn != null, "expiresOn is required for ABSOLUTE expiry", field + ".expiresOn");
                require(e.expiresOn.isAfter(d.startOn), "expiresOn must be after the badge's startOn",
                        field + ".expiresOn");
                e.relativeExpiryType = null;
                e.value = null;
            }
            case RELATIVE -> {
                require(e.relativeExpiryType != null, "relativeExpiryType is required for RELATIVE expiry: "
                        + "DAYS, WEEKS or MONTHS", field + ".relativeExpiryType");
                require(e.value != null, "value is required for RELATIVE expiry", field + ".value");
                e.expiresOn = null;
            }
            case NEVER, WITH_BADGE_META -> {
                e.expiresOn = null;
                e.relativeExpiryType = null;
                e.value = null;
            }
        }
    }

    private static void require(boolean condition, String message, String reference) {
        if (!condition) {
            throw ErrorCode.INVALID_INPUT.exception(message, reference);
        }
    }
}
