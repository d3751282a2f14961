package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.SigningKey;
import social.chorus.http.RateLimiter;
import social.chorus.federation.vocab.AsCollection;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.AsRef;
import social.chorus.federation.vocab.JsonLdException;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.storage.Db;
import social.chorus.storage.PinRepository;

/**
 * The pinned posts of remote accounts, read from their {@code featured} collection (Mastodon's)
 * after the account is stored or refreshed, in the background: the pins stored for the account
 * become the collection's posts, in its order.
 *
 * <p><b>Bounds.</b> Only the collection itself, or its first page when it lists nothing, and at
 * most {@link Options#maxItems()} of its items; at most {@link Options#maxRunning()} collections at
 * once (beyond that one is skipped until the account's next refresh), one per account.
 *
 * <p><b>Origin.</b> The collection must be served from the actor's own host (after redirects), and
 * only items on that host are taken. Embedded posts are stored as that host's word for them,
 * others are fetched by id; both through {@link RemoteStatuses}, so the checks of any fetched post
 * apply (id and author on the serving host, host blocks, private addresses). A post that turns out
 * to be someone else's is not pinned. When the collection cannot be read the old pins stay.
 */
public final class RemoteFeatured {
    private static final Logger log = LoggerFactory.getLogger(RemoteFeatured.class);

    /**
     * @param maxItems items read from one collection (Mastodon's pins are at most 5; 20 leaves room
     *     for servers with more, not for a flood)
     * @param maxRunning collections being read at once, across all accounts
     * @param perAccount at most one read of an account's collection in this time (its actor
     *     documents, Updates and key refetches each ask for one); zero for no such bound
     * @param perHostHourly reads per hour of the collections of one host's accounts; 0 for none.
     *     Reading a collection stores the authors of the posts it names, and storing an account
     *     asks for its collection: without this, a server could keep this one crawling its
     *     accounts one collection after another.
     */
    public record Options(int maxItems, int maxRunning, Duration perAccount, int perHostHourly) {
        public static final Options DEFAULT = new Options(20, 8, Duration.ofMinutes(10), 30);

        /** The same without the per-account and per-host bounds (tests that read one account often). */
        public Options unthrottled() {
            return new Options(maxItems, maxRunning, Duration.ZERO, 0);
        }
    }

    /** What reading needs: the network side, the post fetcher, the pins and who must not be asked. */
    public record Deps(Vertx vertx, Db db, HttpFetcher fetcher, JsonLdReader reader,
            Supplier<Future<SigningKey>> instanceKey, RemoteStatuses statuses, PinRepository pins, HostBlocks blocks,
            Clock clock) {
        public Deps {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(vertx, "vertx");
            Objects.requireNonNull(db, "db");
            Objects.requireNonNull(fetcher, "fetcher");
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(instanceKey, "instanceKey");
            Objects.requireNonNull(statuses, "statuses");
            Objects.requireNonNull(pins, "pins");
            Objects.requireNonNull(blocks, "blocks");
        }
    }

    private record Page(AsCollection collection, OutboundUrl servedFrom) {
    }

    private final Deps d;
    private final Options options;
    /** Collections being read, by account id. */
    private final Map<Long, Future<Void>> running = new ConcurrentHashMap<>();
    private final RateLimiter byAccount;
    private final RateLimiter byHost;

    public RemoteFeatured(Deps deps, Options options) {
        this.d = Objects.requireNonNull(deps, "deps");
        this.options = Objects.requireNonNull(options, "options");
        this.byAccount = new RateLimiter(options.perAccount().isZero() ? new RateLimiter.Limit(0, Duration.ofMinutes(1))
                : new RateLimiter.Limit(1, options.perAccount()), 10_000, deps.clock());
        this.byHost = new RateLimiter(new RateLimiter.Limit(options.perHostHourly(), Duration.ofHours(1)), 10_000,
                deps.clock());
    }

    /**
     * Reads the account's featured collection in the background and replaces its pins; returns at
     * once. Nothing for a local account or one that names no collection.
     */
    public void refreshLater(Account account, String featuredUrl) {
        if (account.local() || featuredUrl == null) {
            return;
        }
        if (running.size() >= options.maxRunning()) {
            log.debug("Not reading the pins of {} now: {} collections being read", account.acct(), running.size());
            return;
        }
        Promise<Void> mine = Promise.promise();
        if (running.putIfAbsent(account.id(), mine.future()) != null) {
            return; // being read already
        }
        if (!byAccount.acquire(Long.toString(account.id())).allowed()
                || !byHost.acquire(account.domain().toLowerCase(Locale.ROOT)).allowed()) {
            log.debug("Not reading the pins of {} now: read lately, or its server's reads are used up", account.acct());
            running.remove(account.id(), mine.future());
            mine.complete();
            return;
        }
        Future<Void> read;
        try {
            read = refresh(account, featuredUrl);
        } catch (RuntimeException e) {
            read = Future.failedFuture(e); // never leave the account marked as being read
        }
        read.onComplete(done -> {
            if (done.failed()) {
                log.debug("Pins of {} not read: {}", account.acct(), done.cause().toString());
            }
            running.remove(account.id(), mine.future());
            mine.complete();
        });
    }

    /** Completes when every read started so far has ended (tests, orderly shutdown). */
    public Future<Void> settled() {
        return Future.join(new ArrayList<>(running.values())).<Void>mapEmpty().otherwiseEmpty();
    }

    private Future<Void> refresh(Account account, String featuredUrl) {
        return page(account, featuredUrl)
                .compose(p -> p.collection().items().isEmpty() && p.collection().first() != null
                        ? page(account, p.collection().first()) : Future.succeededFuture(p))
                .compose(p -> {
                    List<AsRef> items = p.collection().items();
                    Long total = p.collection().totalItems();
                    if (items.isEmpty() && total != null && total > 0) {
                        // It says it has pins but shows none we can read (a page we cannot follow):
                        // unreadable, so the pins stored before stay.
                        return Future.failedFuture(new ResolveException(ResolveException.Reason.UNREADABLE,
                                "the featured collection of " + account.acct() + " lists no item we can read"));
                    }
                    List<AsRef> taken = items.subList(0, Math.min(items.size(), options.maxItems()));
                    return pinnable(account, p.servedFrom(), taken, 0, new ArrayList<>());
                })
                .compose(ids -> d.db().tx(dsl -> {
                    d.pins().replace(dsl, account.id(), ids);
                    return null;
                }));
    }

    /** The collection (or page) at {@code url}, served by the actor's own host. */
    private Future<Page> page(Account account, String url) {
        FetchRequest request;
        try {
            request = FetchRequest.activity(url);
        } catch (FetchException e) {
            return Future.failedFuture(e);
        }
        if (!RemoteActorResolver.sameOrigin(account.uri(), request.url())) {
            return Future.failedFuture(new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    "the featured collection of " + account.acct() + " is on another host"));
        }
        return notBlocked(request.url())
                .compose(ok -> d.instanceKey().get())
                .compose(key -> d.fetcher().get(request.signedBy(key)))
                .compose(resp -> notBlocked(resp.finalUrl()).map(ok -> resp))
                .compose(resp -> d.vertx().executeBlocking(() -> read(account, resp), false));
    }

    private Page read(Account account, FetchResponse resp) {
        String where = resp.finalUrl().forLog();
        if (!RemoteActorResolver.sameOrigin(account.uri(), resp.finalUrl())) {
            throw new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    where + " is not on the host of " + account.acct());
        }
        try {
            AsCollection c = d.reader().read(resp.bytes()).collection().orElseThrow(() -> new ResolveException(
                    ResolveException.Reason.UNREADABLE, where + " is not a collection"));
            return new Page(c, resp.finalUrl());
        } catch (JsonLdException e) {
            throw new ResolveException(ResolveException.Reason.UNREADABLE, where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored ids of the account's own posts among {@code items}, in order, one item after
     * another (a server is asked for one post at a time); an item that cannot be had is skipped.
     */
    private Future<List<Long>> pinnable(Account account, OutboundUrl servedFrom, List<AsRef> items, int at,
            List<Long> ids) {
        if (at >= items.size()) {
            return Future.succeededFuture(ids);
        }
        AsRef item = items.get(at);
        Future<Status> post;
        if (item.id() == null || !RemoteActorResolver.sameOrigin(item.id(), OutboundUrl.parse(account.uri()))) {
            post = Future.failedFuture(new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    "an item of another host"));
        } else if (item.asObject().isPresent() && !item.asObject().get().attributedTo().contains(account.uri())) {
            // Someone else's post, embedded: not a pin, so not worth storing (nor its author).
            post = Future.failedFuture(new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH,
                    "a post by someone else"));
        } else {
            post = item.asObject().map(note -> d.statuses().storeEmbedded(note, servedFrom))
                    .orElseGet(() -> d.statuses().resolve(item.id()));
        }
        return post.map(s -> {
            if (s.accountId() == account.id() && !s.isReblog() && !ids.contains(s.id())) {
                ids.add(s.id());
            }
            return ids;
        }).recover(e -> {
            log.debug("Pin {} of {} skipped: {}", item.id(), account.acct(), e.toString());
            return Future.succeededFuture(ids);
        }).compose(sofar -> pinnable(account, servedFrom, items, at + 1, sofar));
    }

    private Future<Void> notBlocked(OutboundUrl url) {
        String host = url.host().toLowerCase(Locale.ROOT);
        return d.blocks().blocked(host).compose(blocked -> blocked
                ? Future.failedFuture(new ResolveException(ResolveException.Reason.REFUSED_HOST,
                        "nothing is fetched from " + host))
                : Future.succeededFuture());
    }
}
