package social.chorus.storage;

import static social.chorus.schema.Tables.WEB_SESSION;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Signed-in browser sessions, by the hash of the cookie value. */
public final class SessionRepository {
    private final Clock clock;

    public SessionRepository(Clock clock) {
        this.clock = clock;
    }

    public void insert(DSLContext dsl, String tokenHash, long accountId, Instant expiresAt) {
        dsl.insertInto(WEB_SESSION)
                .set(WEB_SESSION.TOKEN_HASH, tokenHash)
                .set(WEB_SESSION.ACCOUNT_ID, accountId)
                .set(WEB_SESSION.CREATED_AT, Timestamps.toDb(clock.instant()))
                .set(WEB_SESSION.EXPIRES_AT, Timestamps.toDb(expiresAt))
                .execute();
    }

    /** The account of a session that has not expired. */
    public Optional<Long> findAccountId(DSLContext dsl, String tokenHash) {
        return dsl.select(WEB_SESSION.ACCOUNT_ID).from(WEB_SESSION)
                .where(WEB_SESSION.TOKEN_HASH.eq(tokenHash)
                        .and(WEB_SESSION.EXPIRES_AT.gt(Timestamps.toDb(clock.instant()))))
                .fetchOptional(WEB_SESSION.ACCOUNT_ID);
    }

    public boolean delete(DSLContext dsl, String tokenHash) {
        return dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.TOKEN_HASH.eq(tokenHash)).execute() > 0;
    }

    public int deleteExpired(DSLContext dsl) {
        return dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.EXPIRES_AT.le(Timestamps.toDb(clock.instant())))
                .execute();
    }
}
