package social.chorus.process.interaction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import social.chorus.process.event.Events;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.federation.sig.Keys;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.LocalIds;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusServices;
import social.chorus.process.timeline.TimelineService;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.Migrations;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TimelineRepository;
import social.chorus.testing.Fixtures;
import social.chorus.testing.TestDatabase;

/** One instance's statuses, likes and boosts over a fresh database, with the delivery queue to read. */
final class InteractionRig {
    final Db db;
    final AccountService accounts;
    final AccountRepository accountRepo;
    final StatusRepository statusRepo;
    final StatusServices statuses;
    final InteractionServices interactions;
    final TimelineService timelines;
    final DeliveryRepository deliveries;
    private final Clock clock;
    private final StatusIds ids;

    private InteractionRig(Vertx vertx, Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
        LocalIds localIds = new LocalIds("https://chorus.example");
        this.accountRepo = new AccountRepository(clock);
        this.statusRepo = new StatusRepository(clock);
        this.accounts = new AccountService(vertx, db, accountRepo,
                new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), new Keys(), localIds,
                Registrations.OPEN);
        this.deliveries = new DeliveryRepository(clock);
        DeliveryOutbox outbox = new DeliveryOutbox(deliveries, localIds, "chorus.example", () -> { });
        // One id source, as the server wires it: posts and boosts made in one millisecond keep their order.
        this.ids = new StatusIds(clock, new SecureRandom());
        this.statuses = StatusServices.create(db, Events.none(db), clock, localIds, "chorus.example", 5000, outbox,
                null, ids);
        this.interactions = InteractionServices.create(db, Events.none(db), clock, localIds, ids, statuses.views(),
                outbox);
        this.timelines = new TimelineService(db, new TimelineRepository(), statuses.views());
    }

    interface Body {
        void run(InteractionRig rig) throws Exception;
    }

    static void with(Vertx vertx, TestDatabase.Kind kind, Body body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 4)) {
            new Migrations(database).migrate();
            body.run(new InteractionRig(vertx, db, Clock.systemUTC()));
        }
    }

    Account local(String name) {
        return accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
    }

    Account remote(String name, String host) {
        return db.tx(dsl -> accountRepo.upsertRemote(dsl, Fixtures.remotePerson(name, host))).await();
    }

    Account reload(Account a) {
        return db.read(dsl -> accountRepo.findById(dsl, a.id()).orElseThrow()).await();
    }

    Status status(long id) {
        return db.read(dsl -> statusRepo.findById(dsl, id).orElseThrow()).await();
    }

    long post(Account a, String text, String visibility) {
        return statuses.posting().create(a.id(), new NewStatus(text, null, null, visibility, null, null, null, null))
                .await().status().id();
    }

    /** A status that arrived from another server, stored as the inbox stores one. */
    Status remotePost(Account author, Visibility visibility) {
        long id = ids.next();
        Status s = new Status(id, author.uri() + "/statuses/" + id, null, author.id(), false, Status.Reply.NONE,
                "tag:" + author.domain() + "," + id, visibility,
                new StatusContent(null, "<p>remote</p>", "", false, null), null, Status.Counts.ZERO, Instant.now(),
                null);
        return db.tx(dsl -> statusRepo.insert(dsl, s, List.of(), List.of())).await();
    }

    void follow(Account from, Account to) {
        db.tx(dsl -> new FollowRepository(clock).insert(dsl, from.id(), to.id(),
                from.uri() + "#follows/" + to.id(), Follow.State.ACCEPTED)).await();
    }

    void block(Account from, Account to) {
        db.tx(dsl -> new BlockRepository(clock).insert(dsl, from.id(), to.id(), from.uri() + "#blocks/" + to.id()))
                .await();
    }

    StatusView favourite(Account a, long statusId) {
        return interactions.changes().favourite(a.id(), statusId).await().status();
    }

    StatusView reblog(Account a, long statusId) {
        return interactions.changes().reblog(a.id(), statusId, null).await().status();
    }

    /** inbox → payloads of every delivery queued since the last call (claimed, so each call sees only new ones). */
    Map<String, List<JsonObject>> sent() {
        Map<String, List<JsonObject>> out = new TreeMap<>();
        db.tx(dsl -> deliveries.claimDue(dsl, 1000, Duration.ofMinutes(5))).await()
                .forEach(j -> out.computeIfAbsent(j.inboxUrl(), k -> new java.util.ArrayList<>())
                        .add(new JsonObject(j.payload())));
        return out;
    }

    static int failureStatus(Future<?> f) {
        Throwable t = f.map(v -> (Throwable) null).otherwise(e -> e).await();
        if (!(t instanceof ClientError c)) {
            throw new AssertionError("expected a client error, got " + t);
        }
        return c.status();
    }
}
