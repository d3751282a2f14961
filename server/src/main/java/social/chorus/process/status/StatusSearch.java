package social.chorus.process.status;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.StatusRepository;

/**
 * Finds a status for a search box by its URL: its ActivityPub id or the page people open. A
 * stored status is shown when the caller may see it; an unknown one is fetched from its server
 * only when a signed-in caller asks ({@code resolve}), as Mastodon does, and shown only when it is
 * public or unlisted. Posts of authors the caller blocks, or who block the caller, are not shown.
 * Words are not searched: statuses have no full-text index.
 */
public final class StatusSearch {
    private static final Logger log = LoggerFactory.getLogger(StatusSearch.class);

    private final Db db;
    private final StatusRepository statuses;
    private final BlockRepository blocks;
    private final StatusQueries reading;
    private final Function<String, Future<Status>> remoteResolver;

    /**
     * @param remoteResolver the stored status for a URL, fetched from its server when unknown
     *     (never fetches this instance's own URLs)
     */
    public StatusSearch(Db db, StatusRepository statuses, BlockRepository blocks, StatusQueries reading,
            Function<String, Future<Status>> remoteResolver) {
        this.db = Objects.requireNonNull(db, "db");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.reading = Objects.requireNonNull(reading, "reading");
        this.remoteResolver = Objects.requireNonNull(remoteResolver, "remoteResolver");
    }

    /**
     * What a search found: the statuses to show, and whether the URL is a post at all (shown or
     * not), so that it is not fetched a second time as an account.
     */
    public record Result(List<StatusView> statuses, boolean isPost) {
        static final Result NONE = new Result(List.of(), false);
    }

    /**
     * @param viewerId the signed-in caller, null for anonymous
     * @param resolve fetch an unknown URL; ignored without a caller
     */
    public Future<Result> search(String query, Long viewerId, boolean resolve) {
        String q = query == null ? "" : query.strip();
        if (!q.startsWith("https://") && !q.startsWith("http://")) {
            return Future.succeededFuture(Result.NONE);
        }
        return db.read(dsl -> statuses.findByUriOrUrl(dsl, q)).compose(found -> {
            if (found.isPresent()) {
                return shown(found.get(), viewerId);
            }
            if (!resolve || viewerId == null) {
                return Future.succeededFuture(Result.NONE);
            }
            return remoteResolver.apply(q)
                    .compose(s -> s.visibility() == Visibility.PUBLIC || s.visibility() == Visibility.UNLISTED
                            ? shown(s, viewerId) : Future.succeededFuture(new Result(List.of(), true)))
                    .recover(e -> {
                        // A URL that leads to no post is an empty result, not an error, as in Mastodon.
                        log.debug("Search could not resolve {}: {}", q, e.getMessage());
                        return Future.succeededFuture(Result.NONE);
                    });
        });
    }

    private Future<Result> shown(Status s, Long viewerId) {
        Result hidden = new Result(List.of(), true);
        Future<Boolean> blocked = viewerId == null ? Future.succeededFuture(false)
                : db.read(dsl -> blocks.eitherBlocks(dsl, viewerId, s.accountId()));
        return blocked.compose(b -> b ? Future.succeededFuture(hidden)
                : reading.get(viewerId, s.id()).map(v -> new Result(List.of(v), true))
                        .recover(e -> e instanceof ClientError ? Future.succeededFuture(hidden)
                                : Future.failedFuture(e)));
    }

}
