package social.chorus.process.instance;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalUser;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * The local actors this instance shows to the world (actor documents, WebFinger, profile pages):
 * every local account except sign-ups still waiting for approval, which are not members yet.
 * Disabled accounts stay visible, so remote servers can still verify what they signed.
 */
public final class PublicActors {
    private final Db db;
    private final AccountRepository accounts;
    private final LocalIds ids;

    public PublicActors(Db db, AccountRepository accounts, LocalIds ids) {
        this.db = db;
        this.accounts = accounts;
        this.ids = ids;
    }

    /** By username, case-insensitively (the instance actor answers to {@code instance}). */
    public Future<Optional<Account>> byUsername(String username) {
        String name = username.toLowerCase(Locale.ROOT);
        return db.read(dsl -> published(dsl, accounts.findByUsername(dsl, name, "")));
    }

    /**
     * By actor id ({@code BASE/users/alice}, {@code BASE/actor}) or profile page URL
     * ({@code BASE/@alice}); empty for anything else, foreign URLs included.
     */
    public Future<Optional<Account>> byUrl(String url) {
        String profilePrefix = ids.profilePage("");
        return db.read(dsl -> {
            Optional<Account> byId = published(dsl, accounts.findByUri(dsl, url));
            if (byId.isPresent() || !url.regionMatches(true, 0, profilePrefix, 0, profilePrefix.length())) {
                return byId;
            }
            String username = url.substring(profilePrefix.length()).toLowerCase(Locale.ROOT);
            return published(dsl, accounts.findByUsername(dsl, username, ""))
                    .filter(a -> url.equalsIgnoreCase(a.url()));
        });
    }

    private Optional<Account> published(DSLContext dsl, Optional<Account> found) {
        return found.filter(Account::local).filter(a -> accounts.findLocalUser(dsl, a.id())
                // No sign-in row: the instance actor (and later other server-run actors).
                .map(LocalUser::approved).orElse(true));
    }
}
