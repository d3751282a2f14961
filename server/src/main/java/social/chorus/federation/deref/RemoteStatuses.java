package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.convert.AsToStatus;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Emitter;
import social.chorus.process.event.Events;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.JsonLdException;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.federation.vocab.ReadResult;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.storage.Db;
import social.chorus.storage.StatusRepository;

/**
 * Remote posts by id: looked up here first, otherwise fetched from their server (a GET signed by
 * the instance actor), origin-checked and stored through {@link RemoteNoteStore}, as a delivered
 * post is. Used for the parents of replies, search by URL, and boosts of posts we do not have.
 *
 * <p><b>Origin.</b> The fetched object's id must be on the host that served it (after redirects),
 * and its author ({@code attributedTo}) on that host too; the author is resolved as any remote
 * actor is. Anything else is refused: a server speaks only for its own posts.
 *
 * <p><b>Parents.</b> After a post is stored, its missing parents are fetched in the background,
 * from the bottom up, at most {@link Options#maxAncestors()} of them: each stored parent adopts
 * the reply below it. The walk ends at a stored post, a Tombstone, a 404 or 410, any refused or
 * unusable document, a blocked host, this instance's own host, or a post already seen in the
 * walk (a cycle). At most {@link Options#maxWalks()} walks run at once; beyond that a reply keeps
 * its parent's uri without the link, as it would if the parent's server were down.
 */
public final class RemoteStatuses {
    private static final Logger log = LoggerFactory.getLogger(RemoteStatuses.class);

    /**
     * @param maxAncestors parents fetched above one post (the bound: 20)
     * @param maxWalks parent walks running at once, across all posts
     * @param maxFetches posts being fetched at once, for any reason (walks, search, boosts of posts
     *     we do not have): a sender naming thousands of unknown posts cannot make this instance
     *     fetch thousands at once; beyond it a fetch fails at once with {@code BUSY}
     */
    public record Options(int maxAncestors, int maxWalks, int maxFetches) {
        public static final Options DEFAULT = new Options(20, 32, 64);

        public Options(int maxAncestors, int maxWalks) {
            this(maxAncestors, maxWalks, DEFAULT_MAX_FETCHES);
        }
    }

    private static final int DEFAULT_MAX_FETCHES = 64;

    /** What fetching needs: the network side, storage, and who must not be asked. */
    public record Deps(Vertx vertx, Db db, Events events, HttpFetcher fetcher, JsonLdReader reader,
            Supplier<Future<SigningKey>> instanceKey, Function<String, Future<Account>> authors,
            RemoteNoteStore store, StatusRepository statuses, HostBlocks blocks, String localDomain) {
        public Deps {
            Objects.requireNonNull(vertx, "vertx");
            Objects.requireNonNull(db, "db");
            Objects.requireNonNull(fetcher, "fetcher");
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(instanceKey, "instanceKey");
            Objects.requireNonNull(authors, "authors");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(statuses, "statuses");
            Objects.requireNonNull(blocks, "blocks");
            localDomain = localDomain.toLowerCase(Locale.ROOT);
        }
    }

    private final Deps d;
    private final Options options;
    /** Fetches and walks under way, by the uri they started from: one fetch per uri at a time. */
    private final Map<String, Future<Status>> fetching = new ConcurrentHashMap<>();
    private final Map<String, Future<Void>> walks = new ConcurrentHashMap<>();
    /** Resolves under way (lookup, then fetch), by the url asked for. */
    private final Map<String, Future<Status>> resolving = new ConcurrentHashMap<>();

    public RemoteStatuses(Deps deps, Options options) {
        this.d = Objects.requireNonNull(deps, "deps");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The post with this id (or page URL), stored: the one stored here, else fetched and stored
     * now; its missing parents are fetched afterwards, in the background. Posts of this instance
     * are only looked up, never fetched.
     *
     * @return fails with {@link FetchException} (network, HTTP status: {@code gone()} for 404/410)
     *     or {@link ResolveException} (refused host, origin mismatch, deleted, not a post)
     */
    public Future<Status> resolve(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > AsToStatus.URI_MAX) {
            return Future.failedFuture(new FetchException(FetchException.Reason.INVALID_URL, "not a post's URL"));
        }
        String url = uri.strip();
        // Joined from the lookup on, not only from the fetch: a second ask that arrived while the
        // first was between its lookup and its fetch would otherwise fetch the post again.
        Future<Status> running = resolving.get(url);
        if (running != null) {
            return running;
        }
        Promise<Status> mine = Promise.promise();
        Future<Status> raced = resolving.putIfAbsent(url, mine.future());
        if (raced != null) {
            return raced;
        }
        d.db().read(dsl -> d.statuses().findByUriOrUrl(dsl, url)).compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(found.get());
            }
            return fetchOnce(url).onSuccess(s -> walkLater(s.uri()));
        }).onComplete(done -> {
            resolving.remove(url, mine.future());
            mine.handle(done);
        });
        return mine.future();
    }

    /**
     * Fetches the missing parents of a stored post in the background (after the transaction
     * that stored it has committed, so the parent can adopt it). Returns at once.
     */
    public void fetchParentsLater(String childUri) {
        walkLater(childUri);
    }

    /** Completes when every fetch and walk started so far has ended (tests, orderly shutdown). */
    public Future<Void> settled() {
        List<Future<?>> running = new java.util.ArrayList<>(walks.values());
        running.addAll(fetching.values());
        return Future.join(running).<Void>mapEmpty().otherwiseEmpty();
    }

    private void walkLater(String childUri) {
        if (walks.size() >= options.maxWalks()) {
            log.debug("Not fetching the parents of {} now: {} walks under way", childUri, walks.size());
            return;
        }
        Promise<Void> walk = Promise.promise();
        if (walks.putIfAbsent(childUri, walk.future()) != null) {
            return; // a walk from this post is under way
        }
        d.db().read(dsl -> d.statuses().findByUri(dsl, childUri))
                .compose(child -> child.isEmpty() ? Future.<Void>succeededFuture()
                        : walkUp(child.get(), 0, new HashSet<>(Set.of(childUri))))
                .onComplete(done -> {
                    if (done.failed()) {
                        log.debug("Stopped fetching the parents of {}: {}", childUri, done.cause().getMessage());
                    }
                    walks.remove(childUri, walk.future());
                    walk.complete();
                });
    }

    /** One parent above {@code child}, then the next, until the chain ends or the bound is reached. */
    private Future<Void> walkUp(Status child, int fetched, Set<String> seen) {
        String parentUri = child.reply().inReplyToUri();
        if (parentUri == null || child.reply().inReplyToId() != null || fetched >= options.maxAncestors()
                || !seen.add(parentUri)) {
            return Future.succeededFuture();
        }
        return d.db().read(dsl -> d.statuses().findByUri(dsl, parentUri)).compose(stored -> {
            if (stored.isPresent()) {
                // Stored while this walk ran (or by another path): adopt the child and stop.
                return d.db().tx(dsl -> d.statuses().linkReplies(dsl, stored.get())).mapEmpty();
            }
            return fetchOnce(parentUri).compose(parent -> walkUp(parent, fetched + 1, seen));
        });
    }

    /** Fetches a uri not stored here; concurrent asks for one uri share the fetch. */
    private Future<Status> fetchOnce(String url) {
        Future<Status> running = fetching.get(url);
        if (running != null) {
            return running;
        }
        if (fetching.size() >= options.maxFetches()) {
            return Future.failedFuture(new ResolveException(ResolveException.Reason.BUSY,
                    fetching.size() + " posts are being fetched; not " + url + " now"));
        }
        Future<Status> started = fetchAndStore(url);
        Future<Status> raced = fetching.putIfAbsent(url, started);
        if (raced != null) {
            return raced;
        }
        started.onComplete(done -> fetching.remove(url));
        return started;
    }

    private Future<Status> fetchAndStore(String url) {
        FetchRequest request;
        try {
            request = FetchRequest.activity(url);
        } catch (FetchException e) {
            return Future.failedFuture(e);
        }
        if (request.url().authority().toLowerCase(Locale.ROOT).equals(d.localDomain())) {
            return Future.failedFuture(new ResolveException(ResolveException.Reason.REFUSED_HOST,
                    request.url().forLog() + " is a post of this instance that is not stored here"));
        }
        return notBlocked(request.url())
                .compose(ok -> d.instanceKey().get())
                .compose(key -> d.fetcher().get(request.signedBy(key)))
                .compose(resp -> notBlocked(resp.finalUrl()).map(ok -> resp))
                .compose(resp -> d.vertx().executeBlocking(() -> readPost(resp), false))
                .compose(note -> note.id().equals(url) ? storeWithAuthor(note)
                        : d.db().read(dsl -> d.statuses().findByUri(dsl, note.id())).compose(stored -> stored
                                .map(Future::succeededFuture).orElseGet(() -> storeWithAuthor(note))));
    }

    private Future<Void> notBlocked(OutboundUrl url) {
        String host = url.host().toLowerCase(Locale.ROOT);
        return d.blocks().blocked(host).compose(blocked -> blocked
                ? Future.failedFuture(new ResolveException(ResolveException.Reason.REFUSED_HOST,
                        "posts are not fetched from " + host))
                : Future.succeededFuture());
    }

    /**
     * A post embedded in a document fetched from {@code servedFrom} (a featured collection's item):
     * the stored one, else stored now after the same checks as a fetched post (its id and author on
     * the host that served it). Nothing is fetched but, if unknown, its author.
     */
    public Future<Status> storeEmbedded(AsObject note, OutboundUrl servedFrom) {
        AsObject checked;
        try {
            checked = checkPost(note, servedFrom);
        } catch (ResolveException e) {
            return Future.failedFuture(e);
        }
        return d.db().read(dsl -> d.statuses().findByUri(dsl, checked.id())).compose(stored -> stored
                .map(Future::succeededFuture).orElseGet(() -> storeWithAuthor(checked)));
    }

    /** The post in a fetched document, origin-checked; JSON-LD reading is CPU work, off the event loop. */
    private AsObject readPost(FetchResponse resp) {
        String where = resp.finalUrl().forLog();
        ReadResult result;
        try {
            result = d.reader().read(resp.bytes());
        } catch (JsonLdException e) {
            throw new ResolveException(ResolveException.Reason.UNREADABLE, where + ": " + e.getMessage(), e);
        }
        AsObject note = result.object().orElseThrow(() -> new ResolveException(ResolveException.Reason.NOT_A_POST,
                where + " is not a post but a " + result.kind().name().toLowerCase(Locale.ROOT)));
        return checkPost(note, resp.finalUrl());
    }

    private static AsObject checkPost(AsObject note, OutboundUrl servedFrom) {
        String where = servedFrom.forLog();
        if (note.id() == null) {
            throw new ResolveException(ResolveException.Reason.NOT_A_POST, where + ": the post has no id");
        }
        if ("Tombstone".equals(note.type())) {
            throw new ResolveException(ResolveException.Reason.DELETED, where + " was deleted");
        }
        if (!AsToStatus.POST_TYPES.contains(note.type())) {
            throw new ResolveException(ResolveException.Reason.NOT_A_POST, where + " is a " + note.type());
        }
        Optional<String> unusable = AsToStatus.unusable(note);
        if (unusable.isPresent()) {
            throw new ResolveException(ResolveException.Reason.NOT_A_POST, where + ": " + unusable.get());
        }
        if (!RemoteActorResolver.sameOrigin(note.id(), servedFrom)) {
            throw new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    "the post served by " + servedFrom.authority() + " claims an id on another server");
        }
        if (note.author() == null) {
            throw new ResolveException(ResolveException.Reason.NOT_A_POST, where + ": the post has no author");
        }
        if (!RemoteActorResolver.sameOrigin(note.author(), servedFrom)) {
            throw new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    "the post served by " + servedFrom.authority() + " is attributed to another server's actor");
        }
        return note;
    }

    private Future<Status> storeWithAuthor(AsObject note) {
        return d.authors().apply(note.author()).compose(author -> {
            if (author.local() || !author.uri().equals(note.author())) {
                return Future.failedFuture(new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                        "the post's author " + note.author() + " resolved to another actor"));
            }
            return d.events().tx((dsl, emitted) -> store(dsl, author, note, emitted))
                    // Stored meanwhile by a delivery of the same post: the row that won is as good.
                    .recover(e -> e instanceof DataAccessException dae
                            && dae.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION
                            ? d.db().read(dsl -> d.statuses().findByUri(dsl, note.id()))
                            : Future.failedFuture(e))
                    .compose(stored -> stored.map(Future::succeededFuture)
                            .orElseGet(() -> Future.failedFuture(new ResolveException(
                                    ResolveException.Reason.DELETED, note.id() + " was deleted"))));
        });
    }

    /** Stores the post; a new one is announced as a delivered one is (its mentions and the author it answers hear of it). */
    private Optional<Status> store(DSLContext dsl, Account author, AsObject note, Emitter emitted) {
        RemoteNoteStore.Prepared p = d.store().prepare(dsl, author, note);
        if (p.state() != RemoteNoteStore.State.NEW) {
            return p.state() == RemoteNoteStore.State.STORED ? p.existing() : Optional.empty();
        }
        Status s = d.store().insert(dsl, author, note, p);
        emitted.emit(new DomainEvent.StatusPosted(s, p.mentioned()));
        return Optional.of(s);
    }
}
