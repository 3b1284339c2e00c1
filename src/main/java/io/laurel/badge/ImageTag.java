package io.laurel.badge;

/** Which state of a badge an image shows. */
public enum ImageTag {
    EARNED,
    UN_EARNED
}
