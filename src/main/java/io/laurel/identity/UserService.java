package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

import io.laurel.common.ApiException;

import io.laurel.common.ErrorCode;
import io.laurel.common.Paging;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserService {

    static final int BCRYPT_MAX_BYTES = 72;

    private final UserRepository users;
    private final SequenceRepository sequences;
    private final PasswordVerifier passwords;
    private final UserStates states;
    private final TokenService tokens;

    UserService(UserRepository users, SequenceRepository sequences, PasswordVerifier passwords, UserStates states,
            TokenService tokens) {
        this.tokens = tokens;
        this.users = users;
        this.sequences = sequences;
        this.passwords = passwords;
        this.states = states;
    }

    /** The userId of {@code username} in the org (compared as usernames are), or null when the org has none such. */
    public Uni<Long> userIdInOrg(long orgId, String username) {
        String normalized = normalizeUsername(username);
        if (normalized == null) {
            return Uni.createFrom().nullItem();
        }
        return users.findByUsername(normalized)
                .map(user -> user != null && user.orgId == orgId ? user.userId : null);
    }

    /**
     * A token of the user as the user is now, for one call made on the user's behalf (the workflow's send of an
     * approved task); null when the org has no such user, so the call goes without and is refused.
     */
    public Uni<String> tokenOnBehalfOf(long orgId, long userId) {
        return users.findInOrg(orgId, userId).map(user -> user == null ? null : tokens.issue(user).accessToken());
    }

    static String normalizeUsername(String username) {
        return username == null || username.isBlank() ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    /** Creates a user on behalf of an org admin; only a PlatformAdmin may act in another org or grant PlatformAdmin. */
    public Uni<UserView> create(Caller caller, CreateUserRequest request) {
        long orgId = request.orgId() == null ? caller.orgId() : request.orgId();
        if (orgId != caller.orgId() && !caller.has(Roles.PLATFORM_ADMIN)) {
            return Uni.createFrom().failure(
                    ErrorCode.FORBIDDEN.exception("Only a PlatformAdmin may create users in another org", "orgId"));
        }
        if (request.roles().contains(Role.PlatformAdmin) && !caller.has(Roles.PLATFORM_ADMIN)) {
            return Uni.createFrom().failure(
                    ErrorCode.FORBIDDEN.exception("Only a PlatformAdmin may grant PlatformAdmin", "roles"));
        }
        if (request.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            return Uni.createFrom().failure(tooLong("password"));
        }
        List<String> roles = request.roles().stream().sorted().map(Role::name).toList();
        return insert(orgId, request.username(), request.password(), roles, request.email(), caller.username())
                .map(UserView::of);
    }

    /** Inserts a user; a taken username is a 409. */
    Uni<UserDocument> insert(long orgId, String username, String password, List<String> roles, String email,
            String createdBy) {
        return Uni.combine().all().unis(passwords.hashes(password), sequences.next("users")).asTuple()
                .chain(hashAndId -> {
                    UserDocument user = new UserDocument();
                    user.userId = hashAndId.getItem2();
                    user.orgId = orgId;
                    user.username = normalizeUsername(username);
                    user.passwordHash = hashAndId.getItem1().plain();
                    user.md5PasswordHash = hashAndId.getItem1().md5();
                    user.email = email;
                    user.roles = roles;
                    user.createdOn = Times.now();
                    user.updatedOn = user.createdOn;
                    user.createdBy = createdBy;
                    return users.persist(user);
                })
                .invoke(states::apply)
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.CONFLICT
                        .exception("Username already exists", "username"));
    }

    /**
     * Changes a user's roles, email or active flag: in the caller's org, or any org for a PlatformAdmin. Existing
     * tokens follow at once on this replica, within {@code laurel.identity.refresh} on the others.
     */
    public Uni<UserView> update(Caller caller, long userId, UpdateUserRequest request) {
        return Uni.createFrom().deferred(() -> {
            if (request.roles() == null && request.email() == null && request.active() == null) {
                throw ErrorCode.INVALID_INPUT.exception("Give roles, email or active", null);
            }
            if (request.roles() != null && request.roles().contains(Role.PlatformAdmin)
                    && !caller.has(Roles.PLATFORM_ADMIN)) {
                throw ErrorCode.FORBIDDEN.exception("Only a PlatformAdmin may grant PlatformAdmin", "roles");
            }
            if (userId == caller.userId() && Boolean.FALSE.equals(request.active())) {
                throw ErrorCode.INVALID_INPUT.exception("A user cannot deactivate themselves", "active");
            }
            List<Bson> changes = new ArrayList<>();
            if (request.roles() != null) {
                changes.add(Updates.set("roles", request.roles().stream().sorted().map(Role::name).toList()));
            }
            if (request.email() != null) {
                changes.add(request.email().isBlank() ? Updates.unset("email") : Updates.set("email", request.email()));
            }
            if (Boolean.FALSE.equals(request.active())) {
                changes.addAll(deactivation());
            } else if (Boolean.TRUE.equals(request.active())) {
                changes.add(Updates.unset("deactivatedOn"));
            }
            return change(caller, userId, Updates.combine(changes));
        });
    }

    /** Deactivates a user: the record stays for audit; its Basic logins and every token it holds fail from now on. */
    public Uni<UserView> deactivate(Caller caller, long userId) {
        if (userId == caller.userId()) {
            return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception("A user cannot deactivate themselves",
                    "userId"));
        }
        return change(caller, userId, Updates.combine(deactivation()));
    }

    /** The caller's own password; tokens issued before the change stop working. */
    public Uni<UserView> changePassword(Caller caller, PasswordChangeRequest request) {
        if (request.newPassword().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            return Uni.createFrom().failure(tooLong("newPassword"));
        }
        return users.findInOrg(caller.orgId(), caller.userId())
                .onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such user", "userId"))
                .chain(user -> passwords.verify(user.username, request.currentPassword()))
                .onItem().ifNull().failWith(() -> ErrorCode.INVALID_INPUT.exception("The current password is wrong",
                        "currentPassword"))
                .chain(user -> passwords.hashes(request.newPassword()))
                .chain(hashes -> users.updateInOrg(caller.orgId(), caller.userId(), Updates.combine(
                        Updates.set("passwordHash", hashes.plain()), Updates.set("md5PasswordHash", hashes.md5()),
                        Updates.inc("tokenVersion", 1))))
                .invoke(states::apply)
                .map(UserView::of);
    }

    private Uni<UserView> change(Caller caller, long userId, Bson update) {
        Uni<UserDocument> target = caller.has(Roles.PLATFORM_ADMIN) ? users.find("userId", userId).firstResult()
                : users.findInOrg(caller.orgId(), userId);
        return target.onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such user", "userId"))
                .chain(user -> {
                    if (user.roles.contains(Roles.PLATFORM_ADMIN) && !caller.has(Roles.PLATFORM_ADMIN)) {
                        throw ErrorCode.FORBIDDEN.exception("Only a PlatformAdmin may change a PlatformAdmin", "userId");
                    }
                    return users.updateInOrg(user.orgId, userId, update);
                })
                .onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND.exception("No such user", "userId"))
                .invoke(states::apply)
                .map(UserView::of);
    }

    private static List<Bson> deactivation() {
        return List.of(Updates.set("deactivatedOn", Times.now()), Updates.inc("tokenVersion", 1));
    }

    private static ApiException tooLong(String field) {
        return ErrorCode.INVALID_INPUT.exception(field + " must be at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8",
                field);
    }

    public Uni<UserView.Page> list(Caller caller, Paging paging) {
        return Uni.combine().all().unis(users.listInOrg(caller.orgId(), paging), users.countInOrg(caller.orgId()))
                .with((page, total) -> new UserView.Page(page.stream().map(UserView::of).toList(), paging.of(total)));
    }
}
