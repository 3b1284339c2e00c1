package io.laurel.identity;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;

import io.quarkus.mongodb.panache.common.MongoEntity;

@MongoEntity(collection = "users")
public class UserDocument {
    public ObjectId id;
    public long userId;
    public long orgId;
    /** Lower-cased; unique across all orgs, because the token endpoint takes no org. */
    public String username;
    /** bcrypt; the clear password is never stored. */
    public String passwordHash;
    /**
     * bcrypt of the lower-case hex MD5 of the password: the platform's Basic clients send {@code username:md5hex(password)}
     * and keep working. Absent for users whose password was set before Laurel accepted that form.
     */
    public String md5PasswordHash;
    public String email;
    public List<String> roles;
    public Instant createdOn;
    public String createdBy;
    /** Set when the user was deactivated (DELETE); the record stays for audit, its logins and tokens fail. */
    public Instant deactivatedOn;
    /**
     * Tokens carry it as their {@code ver} claim; a password change and a deactivation raise it, so that every token
     * issued before is refused (a count, not a time: a change and a login in the same second stay apart).
     */
    public int tokenVersion;
    /** Every change sets it: replicas pick up changed users by it. */
    public Instant updatedOn;

    public boolean active() {
        return deactivatedOn == null;
    }
}
