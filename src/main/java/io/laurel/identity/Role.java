package io.laurel.identity;

/** The roles a user can hold. Names are the platform's; {@link Roles} has them as annotation constants. */
public enum Role {
    PlatformAdmin,
    OrgAdmin,
    CanMakeRequest,
    CanCheckRequest
}
