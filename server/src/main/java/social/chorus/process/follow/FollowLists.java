package social.chorus.process.follow;

import io.vertx.core.Future;
import java.util.Optional;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;

/** Who follows a local account and whom it follows, page by page, newest first, with totals. */
public final class FollowLists {
    public static final int MAX_PAGE = 80;

    /** One page and the total it is part of; {@code nextMaxId} continues the listing. */
    public record Page(Account owner, int total, java.util.List<Account> accounts, Optional<Long> nextMaxId) {
    }

    public enum Direction {
        FOLLOWERS, FOLLOWING, REQUESTS
    }

    private final Db db;
    private final AccountRepository accounts;
    private final FollowRepository follows;

    public FollowLists(Db db, AccountRepository accounts, FollowRepository follows) {
        this.db = db;
        this.accounts = accounts;
        this.follows = follows;
    }

    /** For a local username (collections) — 404 when there is no such local account. */
    public Future<Page> ofLocal(String username, Direction direction, Optional<Long> maxId, int limit) {
        return db.read(dsl -> {
            Account owner = accounts.findByUsername(dsl, username, "").orElseThrow(() -> ClientError.notFound("Account"));
            return page(dsl, owner, direction, maxId, limit);
        });
    }

    /** For any account by id (the client API lists remote accounts' relations that we know of). */
    public Future<Page> ofAccount(long accountId, Direction direction, Optional<Long> maxId, int limit) {
        return db.read(dsl -> {
            Account owner = accounts.findById(dsl, accountId).orElseThrow(() -> ClientError.notFound("Record"));
            return page(dsl, owner, direction, maxId, limit);
        });
    }

    private Page page(org.jooq.DSLContext dsl, Account owner, Direction direction, Optional<Long> maxId, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        FollowRepository.Page p = switch (direction) {
            case FOLLOWERS -> follows.followers(dsl, owner.id(), maxId, size);
            case FOLLOWING -> follows.following(dsl, owner.id(), maxId, size);
            case REQUESTS -> follows.pendingRequests(dsl, owner.id(), maxId, size);
        };
        int total = switch (direction) {
            case FOLLOWERS -> owner.local() ? follows.countFollowers(dsl, owner.id()) : owner.counts().followers();
            case FOLLOWING -> owner.local() ? follows.countFollowing(dsl, owner.id()) : owner.counts().following();
            case REQUESTS -> -1;
        };
        return new Page(owner, total, p.accounts(), p.nextMaxId());
    }
}
