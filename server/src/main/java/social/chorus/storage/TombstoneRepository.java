package social.chorus.storage;

import static social.chorus.schema.Tables.STATUS_TOMBSTONE;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import social.chorus.model.StatusTombstone;
import social.chorus.model.Visibility;

/**
 * Deleted posts by uri ({@code status_tombstone}). Like every uri column of this schema, uri
 * compares case-insensitively (utf8mb4_unicode_ci, H2's IGNORECASE): a known limitation shared
 * with {@code status.uri} and {@code account.uri}.
 */
public final class TombstoneRepository {
    private static final char LIKE_ESCAPE = '!';

    private final Clock clock;

    public TombstoneRepository(Clock clock) {
        this.clock = clock;
    }

    /** Records a deleted post; a uri already tombstoned keeps its first record. */
    public void record(DSLContext dsl, String uri, Long accountId, Visibility visibility) {
        if (find(dsl, uri).isPresent()) {
            return;
        }
        try {
            dsl.insertInto(STATUS_TOMBSTONE)
                    .set(STATUS_TOMBSTONE.URI, uri)
                    .set(STATUS_TOMBSTONE.ACCOUNT_ID, accountId)
                    .set(STATUS_TOMBSTONE.VISIBILITY, visibility == null ? null : visibility.apiName())
                    .set(STATUS_TOMBSTONE.DELETED_AT, Timestamps.toDb(clock.instant()))
                    .onDuplicateKeyIgnore()
                    .execute();
        } catch (IntegrityConstraintViolationException e) {
            // H2 emulates the IGNORE with a MERGE that a concurrent insert can still beat: the row
            // the other one made is as good as ours.
        }
    }

    public Optional<StatusTombstone> find(DSLContext dsl, String uri) {
        return dsl.selectFrom(STATUS_TOMBSTONE).where(STATUS_TOMBSTONE.URI.eq(uri)).fetchOptional()
                .map(r -> new StatusTombstone(r.getUri(), r.getAccountId(),
                        r.getVisibility() == null ? null : Visibility.fromApiName(r.getVisibility()).orElse(null),
                        Timestamps.fromDb(r.getDeletedAt())));
    }

    /**
     * Forgets up to {@code limit} tombstones recorded before {@code before}, oldest first, except
     * those whose uri starts with {@code localPrefix}: this instance's own deleted posts keep
     * theirs, which their URL answers 410 Gone with (see Housekeeping). The local ones stay in the
     * scanned range of the deleted_at index; they grow only with local deletes, a cost well below
     * one remote tombstone per remote delete.
     */
    public Pruned pruneRemoteBefore(DSLContext tx, Instant before, String localPrefix, int limit) {
        Condition old = STATUS_TOMBSTONE.DELETED_AT.lt(Timestamps.toDb(before))
                .and(STATUS_TOMBSTONE.URI.notLike(likePrefix(localPrefix), LIKE_ESCAPE));
        List<String> uris = tx.select(STATUS_TOMBSTONE.URI).from(STATUS_TOMBSTONE).where(old)
                .orderBy(STATUS_TOMBSTONE.DELETED_AT).limit(limit).fetch(STATUS_TOMBSTONE.URI);
        if (uris.isEmpty()) {
            return Pruned.NONE;
        }
        return new Pruned(uris.size(),
                tx.deleteFrom(STATUS_TOMBSTONE).where(STATUS_TOMBSTONE.URI.in(uris)).and(old).execute());
    }

    /** A LIKE pattern for "starts with {@code prefix}", its wildcards taken literally. */
    private static String likePrefix(String prefix) {
        StringBuilder out = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.append('%').toString();
    }
}
