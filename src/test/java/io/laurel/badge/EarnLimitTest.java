package io.laurel.badge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.EarnLimit.FixedValue;
import io.laurel.badge.EarnLimit.FixedWindow;
import io.laurel.badge.EarnLimit.Level;
import io.laurel.badge.EarnLimit.NoLimit;
import io.laurel.badge.EarnLimit.RollingWindow;

/** Stored constraints become typed limits: one row per constraint kind, with what each kind keeps. */
class EarnLimitTest {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant OWN_START = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void everyCustomerKindIsParsedToItsType() {
        BadgeMetaDocument badge = badge();
        badge.customerConstraints = List.of(
                constraint(ConstraintType.CUSTOMER_BADGE_FIXED_VALUE, c -> c.maxEarnLimit = 5),
                constraint(ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW, c -> {
                    c.referenceId = "w";
                    c.maxEarnLimit = 2;
                    c.durationType = DurationType.WEEKS;
                    c.refreshRate = 2;
                    c.startDayOfTheWeek = 1;
                }),
                constraint(ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW, c -> {
                    c.referenceId = "own";
                    c.maxEarnLimit = 1;
                    c.durationType = DurationType.DAYS;
                    c.refreshRate = 1;
                    c.startDate = OWN_START;
                }),
                constraint(ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW, c -> {
                    c.rollForDays = 7;
                    c.maxEarnForDays = 3;
                    c.rollForMonths = 2;
                    c.maxEarnForMonths = 10;
                }),
                constraint(ConstraintType.CUSTOMER_BADGE_NO_LIMIT, c -> {
                }));
        assertEquals(List.of(
                new FixedValue(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_FIXED_VALUE, 5),
                new FixedWindow(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW, "w", 2, DurationType.WEEKS,
                        2, START, END, 1),
                new FixedWindow(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_FIXED_WINDOW, "own", 1,
                        DurationType.DAYS, 1, OWN_START, END, null),
                // days and months given, weeks not: two windows
                new RollingWindow(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW, DurationType.DAYS, 7, 3),
                new RollingWindow(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW, DurationType.MONTHS, 2,
                        10),
                new NoLimit(Level.CUSTOMER, ConstraintType.CUSTOMER_BADGE_NO_LIMIT)),
                EarnLimit.of(badge, Level.CUSTOMER));
        assertEquals(List.of(), EarnLimit.of(badge, Level.BADGE), "no badge constraints: no limits");
    }

    @Test
    void everyBadgeKindIsParsedToItsType() {
        BadgeMetaDocument badge = badge();
        badge.badgeConstraints = List.of(
                constraint(ConstraintType.BADGE_FIXED_VALUE, c -> c.maxEarnLimit = 100),
                constraint(ConstraintType.BADGE_ROLLING_WINDOW, c -> {
                    c.rollType = DurationType.WEEKS;
                    c.rollValue = 1;
                    c.maxEarnLimit = 30;
                }),
                constraint(ConstraintType.BADGE_FIXED_WINDOW, c -> {
                    c.referenceId = "m";
                    c.maxEarnLimit = 50;
                    c.durationType = DurationType.MONTHS;
                    c.refreshRate = 1;
                }),
                constraint(ConstraintType.BADGE_NO_LIMIT, c -> {
                }));
        BadgeLimits limits = BadgeLimits.of(badge);
        assertEquals(List.of(
                new FixedValue(Level.BADGE, ConstraintType.BADGE_FIXED_VALUE, 100),
                new RollingWindow(Level.BADGE, ConstraintType.BADGE_ROLLING_WINDOW, DurationType.WEEKS, 1, 30),
                new FixedWindow(Level.BADGE, ConstraintType.BADGE_FIXED_WINDOW, "m", 50, DurationType.MONTHS, 1, START,
                        END, null),
                new NoLimit(Level.BADGE, ConstraintType.BADGE_NO_LIMIT)), limits.badge());
        assertEquals("BADGE_ROLLING_WINDOW: at most 30 earns for all customers in 1 WEEKS",
                limits.badge().get(1).description());
    }

    private static BadgeMetaDocument badge() {
        BadgeMetaDocument badge = new BadgeMetaDocument();
        badge.startOn = START;
        badge.expiresOn = END;
        return badge;
    }

    private static Constraint constraint(ConstraintType type, java.util.function.Consumer<Constraint> fields) {
        Constraint c = new Constraint();
        c.constraintType = type;
        fields.accept(c);
        return c;
    }
}
