package io.laurel.badge;

/** How an issued or earned badge expires. */
public enum ExpiryType {
    /** At a fixed time ({@code expiresOn}). */
    ABSOLUTE,
    /** A number of days, weeks or months after the issue or earn. */
    RELATIVE,
    NEVER,
    /** With the badge definition's own {@code expiresOn}. */
    WITH_BADGE_META
}
