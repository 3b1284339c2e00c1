package io.laurel.badge;

/** The eight earn-limit kinds; the first four count one customer's earns, the rest all customers'. */
public enum ConstraintType {
    CUSTOMER_BADGE_FIXED_VALUE(true),
    CUSTOMER_BADGE_ROLLING_WINDOW(true),
    CUSTOMER_BADGE_FIXED_WINDOW(true),
    CUSTOMER_BADGE_NO_LIMIT(true),
    BADGE_FIXED_VALUE(false),
    BADGE_ROLLING_WINDOW(false),
    BADGE_FIXED_WINDOW(false),
    BADGE_NO_LIMIT(false);

    private final boolean perCustomer;

    ConstraintType(boolean perCustomer) {
        this.perCustomer = perCustomer;
    }

    public boolean perCustomer() {
        return perCustomer;
    }

    /** Counts earns per cycle (refreshRate × durationType). */
    public boolean isFixedWindow() {
        return this == CUSTOMER_BADGE_FIXED_WINDOW || this == BADGE_FIXED_WINDOW;
    }

    /** Limits nothing. */
    public boolean isNoLimit() {
        return this == CUSTOMER_BADGE_NO_LIMIT || this == BADGE_NO_LIMIT;
    }
}
