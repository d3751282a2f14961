package social.chorus.federation.deref;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.convert.AsToAccount;
import social.chorus.federation.vocab.AsActor;
import social.chorus.model.Account;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * Remote actors as stored accounts: looked up in the account table first, fetched (and stored)
 * when unknown or older than {@code maxAge} (a day by default), always fetched on
 * {@link #refresh}. Local accounts are returned as they are, never fetched.
 *
 * <p>After an actor is stored, the listener set by {@link #afterStore} hears of it (with its
 * {@code featured} collection, recorded beside the account), so that its pins are read.
 *
 * <p>Counts come from the {@code totalItems} of the actor's followers, following and outbox
 * collections; when one cannot be read the stored count is kept.
 */
public final class RemoteAccounts {
    private static final Logger log = LoggerFactory.getLogger(RemoteAccounts.class);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    private final RemoteActorResolver resolver;
    private final Db db;
    private final AccountRepository accounts;
    private final Clock clock;
    private final Duration maxAge;
    private final String localDomain;
    private final AsToAccount toAccount = new AsToAccount();
    private volatile Stored afterStore = (account, featuredUrl) -> { };

    /** Told of every actor stored here, after the commit; must only start work, never wait for it. */
    @FunctionalInterface
    public interface Stored {
        /** @param featuredUrl its pinned posts' collection, on its own host; null when it names none */
        void stored(Account account, String featuredUrl);
    }

    /** @param localDomain this instance's domain ({@code CHORUS_DOMAIN}): handles on it are looked up locally */
    public RemoteAccounts(RemoteActorResolver resolver, Db db, AccountRepository accounts, Clock clock,
            Duration maxAge, String localDomain) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.db = Objects.requireNonNull(db, "db");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.localDomain = localDomain.toLowerCase(Locale.ROOT);
    }

    /**
     * Who hears of stored actors (the reading of their pins). Set once while wiring: that reader
     * fetches posts, and the post fetcher resolves authors through this class.
     */
    public void afterStore(Stored listener) {
        this.afterStore = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The account for a handle or an actor URL: stored and fresh, or fetched now. Local handles
     * that do not exist fail with {@link WebFingerException} {@code NOT_FOUND}.
     */
    public Future<Account> resolve(String handleOrUrl) {
        if (handleOrUrl == null || handleOrUrl.isBlank()) {
            return Future.failedFuture(new FetchException(FetchException.Reason.INVALID_URL, "nothing to resolve"));
        }
        if (Handle.looksLikeHandle(handleOrUrl) || handleOrUrl.trim().startsWith("acct:")) {
            Handle handle;
            try {
                handle = Handle.parse(handleOrUrl);
            } catch (WebFingerException e) {
                return Future.failedFuture(e);
            }
            if (handle.host().equals(localDomain)) {
                return db.read(dsl -> accounts.findByUsername(dsl, handle.username(), ""))
                        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                                new WebFingerException(WebFingerException.Reason.NOT_FOUND, "no account " + handle))));
            }
            return db.read(dsl -> accounts.findByUsername(dsl, handle.username(), handle.host()))
                    .compose(found -> fresh(found) ? Future.succeededFuture(found.get())
                            : resolver.resolve(handleOrUrl).compose(this::store));
        }
        String url = handleOrUrl.trim();
        return db.read(dsl -> accounts.findByUri(dsl, url))
                .compose(found -> fresh(found) ? Future.succeededFuture(found.get()) : refresh(url));
    }

    /** Fetches the actor at {@code actorUrl} now and stores it (an Update, a failed signature check). */
    public Future<Account> refresh(String actorUrl) {
        return resolver.fetchActor(actorUrl).compose(this::store);
    }

    /**
     * Stores an actor that has already been origin-checked: fetched by {@link RemoteActorResolver},
     * or embedded in an {@code Update} whose signature proved it came from the actor's origin.
     */
    public Future<Account> store(AsActor actor) {
        Future<Optional<Long>> followers = resolver.collectionSize(actor, actor.followers());
        Future<Optional<Long>> following = resolver.collectionSize(actor, actor.following());
        Future<Optional<Long>> statuses = resolver.collectionSize(actor, actor.outbox());
        return Future.all(followers, following, statuses).compose(done -> db.tx(dsl -> {
            // Converting sanitises the summary with jsoup: on the database worker, not the event loop.
            AsActor checked = ActorChecks.forStorage(actor);
            Account fetched = toAccount.toAccount(checked, clock.instant());
            Optional<Account> holder = accounts.findByUsername(dsl, fetched.username(), fetched.domain());
            if (holder.isPresent() && !holder.get().uri().equals(fetched.uri())) {
                throw new ResolveException(ResolveException.Reason.HANDLE_TAKEN, fetched.acct()
                        + " is already held by another actor of that server");
            }
            Account.AccountCounts old = accounts.findByUri(dsl, fetched.uri()).map(Account::counts)
                    .orElse(new Account.AccountCounts(0, 0, 0));
            Account.AccountCounts counts = new Account.AccountCounts(
                    count(followers.result(), old.followers()), count(following.result(), old.following()),
                    count(statuses.result(), old.statuses()));
            Account stored = accounts.upsertRemote(dsl, withCounts(fetched, counts));
            accounts.setFeaturedUrl(dsl, stored.id(), checked.featured());
            return new StoredActor(stored, checked.featured());
        })).map(s -> {
            try {
                afterStore.stored(s.account(), s.featuredUrl());
            } catch (RuntimeException e) {
                // A bonus after the commit (pins read): the actor itself is stored.
                log.warn("After storing {}: {}", s.account().acct(), e.toString());
            }
            return s.account();
        });
    }

    private record StoredActor(Account account, String featuredUrl) {
    }

    private boolean fresh(Optional<Account> found) {
        if (found.isEmpty()) {
            return false;
        }
        Account a = found.get();
        if (a.local()) {
            return true;
        }
        Instant fetchedAt = a.fetchedAt();
        return fetchedAt != null && fetchedAt.plus(maxAge).isAfter(clock.instant());
    }

    private static int count(Optional<Long> value, int old) {
        return value.map(n -> (int) Math.min(n, Integer.MAX_VALUE)).orElse(old);
    }

    private static Account withCounts(Account a, Account.AccountCounts counts) {
        return new Account(a.id(), a.username(), a.domain(), a.type(), a.uri(), a.url(), a.displayName(), a.note(),
                a.endpoints(), a.publicKey(), a.ed25519Key(), a.flags(), counts, a.createdAt(), a.updatedAt(),
                a.fetchedAt());
    }
}
