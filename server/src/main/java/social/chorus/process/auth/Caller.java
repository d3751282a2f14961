package social.chorus.process.auth;

import java.util.Optional;
import social.chorus.model.Account;

/**
 * Who is calling the client API: the token, its app and scopes, and for a user token the
 * account and whether it may act (Mastodon refuses pending and disabled logins with 403).
 */
public record Caller(long tokenId, long applicationId, Scopes scopes, Account account, UserState state) {

    public enum UserState {
        /** An app token (client_credentials): no account behind it. */
        APP_ONLY,
        ACTIVE,
        PENDING,
        DISABLED
    }

    public Optional<Account> user() {
        return Optional.ofNullable(account);
    }
}
