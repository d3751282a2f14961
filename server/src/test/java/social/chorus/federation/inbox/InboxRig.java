package social.chorus.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.federation.delivery.UnavailableHosts;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.account.SignUp;
import social.chorus.process.event.Events;
import social.chorus.process.follow.FollowService;
import social.chorus.process.follow.InboundFollows;
import social.chorus.process.notification.NotificationListener;
import social.chorus.process.notification.NotificationService;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.MarkerRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.Migrations;
import social.chorus.storage.NotificationRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.RemoteHostRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.Fixtures;
import social.chorus.testing.TestDatabase;

/**
 * One local instance's inbox pipeline over a fresh database, with remote actors whose keys this
 * rig "publishes" (a refetch reads them from here and counts how often it was asked).
 */
final class InboxRig implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Keys KEYS = new Keys(new SecureRandom());

    private final Vertx vertx = Vertx.vertx();

    @Override
    public void close() {
        vertx.close().await();
    }

    /** Keys "published" by the remote servers in this test; refetch reads them from here. */
    private final Map<String, Account> published = new HashMap<>();

    final class Rig {
        final Db db;
        final AccountRepository accounts = new AccountRepository(CLOCK);
        final DeliveryRepository deliveries = new DeliveryRepository(CLOCK);
        final RemoteHostRepository hosts = new RemoteHostRepository(CLOCK);
        final UnavailableHosts unavailable;
        final FollowService follows;
        final NotificationService notifications;
        final InboxProcessor inbox;
        final Account alice;
        private final SignatureCheck signatureCheck;
        private final InboundFollows inboundFollows;
        private final Events events;
        int refetches;

        Rig(Db db) {
            this.db = db;
            this.unavailable = new UnavailableHosts(vertx, db, hosts, Duration.ofMinutes(1));
            LocalIds ids = new LocalIds("https://chorus.example");
            FollowRepository followRepo = new FollowRepository(CLOCK);
            BlockRepository blockRepo = new BlockRepository(CLOCK);
            DeliveryOutbox outbox = new DeliveryOutbox(deliveries);
            StatusRepository statusRepo = new StatusRepository(CLOCK);
            notifications = new NotificationService(db, new NotificationRepository(CLOCK), new MarkerRepository(CLOCK),
                    accounts, statusRepo, new StatusViews(statusRepo, accounts, new FavouriteRepository(CLOCK),
                            new PinRepository(CLOCK), new MediaAttachmentRepository()));
            events = new Events(db, List.of(new NotificationListener(db, new NotificationRepository(CLOCK),
                    accounts, blockRepo, statusRepo, new StatusAccess(statusRepo, followRepo))));
            follows = new FollowService(db, events, accounts, followRepo, blockRepo, outbox, ids);
            KeyResolver resolver = new KeyResolver() {
                @Override
                public Future<Optional<Account>> stored(String keyId) {
                    return db.read(dsl -> accounts.findByKeyId(dsl, keyId));
                }

                @Override
                public Future<Account> refetch(String keyId) {
                    refetches++;
                    Account current = published.get(keyId.substring(0, keyId.indexOf('#')));
                    return current == null ? Future.failedFuture(new IllegalStateException("410 Gone"))
                            : db.tx(dsl -> accounts.upsertRemote(dsl, current));
                }
            };
            signatureCheck = new SignatureCheck(new SignatureVerifier(CLOCK), resolver, "chorus.example",
                    Clock.offset(CLOCK, Duration.ofMinutes(2)));
            inboundFollows = new InboundFollows(followRepo, blockRepo, outbox, ids);
            inbox = inboxWith(RemotePosts.NONE);
            AccountService signUps = new AccountService(vertx, db, accounts,
                    new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), KEYS, ids,
                    Registrations.OPEN);
            alice = signUps.signUp(new SignUp("alice", "alice@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        /** The same inbox, with the missing parents of stored replies handed to {@code fetchParents}. */
        InboxProcessor inboxWith(java.util.function.Consumer<String> fetchParents) {
            return inboxWith(new RemotePosts() {
                @Override
                public void fetchParentsLater(String childUri) {
                    fetchParents.accept(childUri);
                }

                @Override
                public Future<?> resolve(String uri) {
                    return RemotePosts.NONE.resolve(uri);
                }
            });
        }

        /** The same inbox, fetching posts through {@code remote}. */
        InboxProcessor inboxWith(RemotePosts remote) {
            return new InboxProcessor(new InboxProcessor.Deps(vertx, db, events, new JsonLdReader(), signatureCheck,
                    CLOCK, accounts, new ReceivedActivityRepository(CLOCK), inboundFollows, remote, unavailable,
                    new StatusIds(CLOCK, new SecureRandom())));
        }

        /** Posts {@code body} to the shared inbox, signed by {@code from}: the outcome, or "STATUS message". */
        Object send(Remote from, String body) {
            return outcome(inbox.receive(post("/inbox", body, from.signingKey(), CLOCK), Optional.empty()));
        }

        /** Stores the remote actor as if it had been fetched. */
        Account store(Remote r) {
            return db.tx(dsl -> accounts.upsertRemote(dsl, r.account())).await();
        }

        List<JsonObject> sent() {
            return db.tx(dsl -> deliveries.claimDue(dsl, 100, Duration.ofMinutes(5))).await().stream()
                    .map(j -> new JsonObject(j.payload())).toList();
        }
    }

    /** A remote actor with a real key pair; {@code publish} makes its key fetchable. */
    record Remote(Account account, KeyPair keys) {
        SigningKey signingKey() {
            return new SigningKey(account.publicKey().id(), keys.getPrivate());
        }
    }

    Remote remote(String name, String host, boolean publish) {
        KeyPair pair = KEYS.generateRsa();
        Account base = Fixtures.remotePerson(name, host);
        Account withKey = new Account(0, base.username(), base.domain(), base.type(), base.uri(), base.url(),
                base.displayName(), base.note(), base.endpoints(),
                new Account.PublicKey(base.uri() + "#main-key", Pem.encodePublic(pair.getPublic())), null,
                base.flags(), base.counts(), null, null, NOW);
        if (publish) {
            published.put(withKey.uri(), withKey);
        }
        return new Remote(withKey, pair);
    }

    static HttpRequestView post(String path, String body, SigningKey key, Clock clock) {
        HttpRequestView unsigned = HttpRequestView.outbound("POST", URI.create("https://chorus.example" + path),
                HttpHeaders.of("Content-Type", "application/activity+json"), body.getBytes(StandardCharsets.UTF_8));
        return RequestSigner.of(SignatureStyle.CAVAGE, clock).signed(unsigned, key);
    }

    /** An activity of {@code actor} in the ActivityStreams context, with the object as given (id or object). */
    static String activity(String type, Remote actor, String id, Object object) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
                .put("type", type).put("actor", actor.account().uri()).put("object", object).encode();
    }

    static String follow(Remote from, String id, Account target) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
                .put("type", "Follow").put("actor", from.account().uri()).put("object", target.uri()).encode();
    }

    static Object outcome(Future<InboxProcessor.Outcome> f) {
        return f.map(o -> (Object) o).otherwise(e -> e instanceof InboxException ie ? ie.status() + " "
                + ie.getMessage() : e).await();
    }

    void with(TestDatabase.Kind kind, java.util.function.Consumer<Rig> body) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            body.accept(new Rig(db));
        }
    }
}
