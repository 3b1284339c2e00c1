package io.laurel.identity;

/** Role names as compile-time constants, for {@code @RolesAllowed}. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "PlatformAdmin";
    public static final String ORG_ADMIN = "OrgAdmin";
    public static final String CAN_MAKE_REQUEST = "CanMakeRequest";
    public static final String CAN_CHECK_REQUEST = "CanCheckRequest";

    private Roles() {
    }
}
