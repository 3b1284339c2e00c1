package io.laurel.identity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

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

    UserService(UserRepository users, SequenceRepository sequences, PasswordVerifier passwords) {
        this.users = users;
        this.sequences = sequences;
        this.passwords = passwords;
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
            return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception(
                    "password must be at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8", "password"));
        }
        List<String> roles = request.roles().stream().sorted().map(Role::name).toList();
        return insert(orgId, request.username(), request.password(), roles, request.email(), caller.username())
                .map(UserView::of);
    }

    /** Inserts a user; a taken username is a 409. */
    Uni<UserDocument> insert(long orgId, String username, String password, List<String> roles, String email,
            String createdBy) {
        return Uni.combine().all().unis(passwords.hash(password), sequences.next("users")).asTuple()
                .chain(hashAndId -> {
                    UserDocument user = new UserDocument();
                    user.userId = hashAndId.getItem2();
                    user.orgId = orgId;
                    user.username = normalizeUsername(username);
                    user.passwordHash = hashAndId.getItem1();
                    user.email = email;
                    user.roles = roles;
                    user.createdOn = Times.now();
                    user.createdBy = createdBy;
                    return users.persist(user);
                })
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> ErrorCode.CONFLICT
                        .exception("Username already exists", "username"));
    }

    public Uni<UserView.Page> list(Caller caller, Paging paging) {
        return Uni.combine().all().unis(users.listInOrg(caller.orgId(), paging.toPage()), users.countInOrg(caller.orgId()))
                .with((page, total) -> new UserView.Page(page.stream().map(UserView::of).toList(), paging.of(total)));
    }
}
