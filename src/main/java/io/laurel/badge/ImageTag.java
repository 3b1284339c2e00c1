package io.laurel.badge;

/** Which state of a badge an image shows. */
public enum ImageTag {
    EARNED,
    UN_EARNED,
    /** A badge on its way: earning has started (the vendor's tag). */
    IN_PROGRESS
}
