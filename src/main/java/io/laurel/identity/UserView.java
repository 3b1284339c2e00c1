package io.laurel.identity;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.Paging.Pagination;

/** A user as the API shows it: never a password or hash. */
@Schema(name = "User")
public record UserView(
        @Schema(example = "2") long userId,
        @Schema(example = "maker.one") String username,
        @Schema(example = "100458") long orgId,
        @Schema(example = "[\"CanMakeRequest\"]") List<String> roles,
        @Schema(example = "maker.one@example.com") String email,
        @Schema(description = "false once deactivated: its logins and tokens fail") boolean active,
        Instant createdOn) {

    static UserView of(UserDocument user) {
        return new UserView(user.userId, user.username, user.orgId, user.roles, user.email, user.active(),
                user.createdOn);
    }

    @Schema(name = "UserList")
    public record Page(List<UserView> users, Pagination pagination) {
    }
}
