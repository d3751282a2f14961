package social.chorus.model;

import java.time.Instant;

/** Sign-in data of a local account. The hash never appears in {@link #toString()}. */
public record LocalUser(
        long accountId,
        String email,
        String passwordHash,
        boolean admin,
        boolean approved,
        boolean disabled,
        Instant createdAt,
        Instant lastSignInAt) {

    @Override
    public String toString() {
        return "LocalUser[accountId=" + accountId + ", email=" + email + ", admin=" + admin + ", approved="
                + approved + ", disabled=" + disabled + "]";
    }
}
