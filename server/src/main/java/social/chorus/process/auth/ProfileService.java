package social.chorus.process.auth;

import io.vertx.core.Future;
import java.util.Optional;
import social.chorus.model.Account;
import social.chorus.model.ActorUpdate;
import social.chorus.model.LocalIds;
import social.chorus.process.ClientError;
import social.chorus.process.Outbox;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.AccountRepository.ProfileChange;
import social.chorus.storage.Db;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.process.text.PlainText;

/**
 * A signed-in person's own profile through the client API (verify_credentials and
 * update_credentials). It sits beside the OAuth code because it serves the credential account;
 * it can move to process/account when that package takes profile editing.
 */
public final class ProfileService {
    static final int MAX_DISPLAY_NAME = 100;
    static final int MAX_NOTE = 500;

    /**
     * Fields to change; null leaves a field as it is. The note is plain text. {@code hideFavourites}
     * hides the posts the person liked from their profile (others see an empty list).
     */
    public record ProfileUpdate(String displayName, String note, Boolean locked, Boolean hideFavourites) {
    }

    /**
     * What verify_credentials shows of the signed-in person beyond their public account: the note
     * as typed, their own settings, and how many follow requests wait for them.
     */
    public record Credentials(Account account, String plainNote, boolean hideFavourites, int followRequests) {
    }

    private final Db db;
    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final Outbox outbox;
    private final LocalIds ids;
    private final FavouriteRepository favourites;

    public ProfileService(Db db, AccountRepository accounts, FollowRepository follows, FavouriteRepository favourites,
            Outbox outbox, LocalIds ids) {
        this.favourites = favourites;
        this.db = db;
        this.accounts = accounts;
        this.follows = follows;
        this.outbox = outbox;
        this.ids = ids;
    }

    /** Validates everything first, so that bad input changes nothing. */
    public Future<Credentials> update(long accountId, ProfileUpdate u) {
        String displayName = u.displayName() == null ? null : u.displayName().strip();
        if (displayName != null && displayName.codePointCount(0, displayName.length()) > MAX_DISPLAY_NAME) {
            return Future.failedFuture(new ClientError(422, "Validation failed: Display name is too long (maximum is "
                    + MAX_DISPLAY_NAME + " characters)"));
        }
        if (u.note() != null && u.note().codePointCount(0, u.note().length()) > MAX_NOTE) {
            return Future.failedFuture(new ClientError(422, "Validation failed: Note is too long (maximum is "
                    + MAX_NOTE + " characters)"));
        }
        String noteHtml = u.note() == null ? null : PlainText.toHtml(u.note());
        ProfileChange change = new ProfileChange(displayName, noteHtml, u.locked());
        return db.tx(dsl -> {
            Account updated = accounts.updateProfile(dsl, accountId, change)
                    .orElseThrow(() -> ClientError.notFound("Account"));
            if (u.hideFavourites() != null) {
                favourites.setHideFavourites(dsl, accountId, u.hideFavourites());
            }
            // Servers that hold a copy of this actor (its remote followers') get the new profile,
            // queued with the change itself.
            outbox.enqueue(dsl, new ActorUpdate(ids.newActivity(), updated),
                    follows.remoteFollowerInboxes(dsl, accountId));
            return credentials(dsl, updated);
        });
    }

    /** The signed-in person's credential account. */
    public Future<Credentials> credentials(Account account) {
        return db.read(dsl -> credentials(dsl, account));
    }

    private Credentials credentials(org.jooq.DSLContext dsl, Account account) {
        return new Credentials(account, PlainText.toPlain(account.note()), favourites.hidesFavourites(dsl, account.id()),
                follows.countPendingRequests(dsl, account.id()));
    }

    public Future<Optional<Account>> find(long accountId) {
        return db.read(dsl -> accounts.findById(dsl, accountId));
    }
}
