package io.laurel.badge;

/** Unit of windows, cycles and relative expiries. */
public enum DurationType {
    DAYS,
    WEEKS,
    MONTHS
}
