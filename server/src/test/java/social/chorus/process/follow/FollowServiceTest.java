package social.chorus.process.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.federation.sig.Keys;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.Relationship;
import social.chorus.process.ClientError;
import social.chorus.process.account.AccountService;
import social.chorus.process.event.Emitter;
import social.chorus.process.event.Events;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.account.SignUp;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.DeliveryRepository.Job;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.Migrations;
import social.chorus.testing.Fixtures;
import social.chorus.testing.TestDatabase;

/** Following as local people do it and as remote servers ask for it, on both databases. */
class FollowServiceTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /** The services under test over one fresh database. */
    private record Rig(Db db, AccountService accounts, FollowService follows, InboundFollows inbound,
            AccountRepository accountRepo, DeliveryRepository deliveries) {
        Account local(String name, boolean locked) {
            Account a = accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
            if (locked) {
                db.tx(dsl -> dsl.update(social.chorus.schema.Tables.ACCOUNT)
                        .set(social.chorus.schema.Tables.ACCOUNT.LOCKED, true)
                        .where(social.chorus.schema.Tables.ACCOUNT.ID.eq(a.id())).execute()).await();
                return db.read(dsl -> accountRepo.findById(dsl, a.id()).orElseThrow()).await();
            }
            return a;
        }

        Account remote(String name, String host) {
            return db.tx(dsl -> accountRepo.upsertRemote(dsl, Fixtures.remotePerson(name, host))).await();
        }

        List<JsonObject> sent() {
            return db.tx(dsl -> deliveries.claimDue(dsl, 100, Duration.ofMinutes(5))).await().stream()
                    .map(Job::payload).map(JsonObject::new).toList();
        }
    }

    private interface Body {
        void run(Rig rig) throws Exception;
    }

    private void with(TestDatabase.Kind kind, Body body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 4)) {
            new Migrations(database).migrate();
            Clock clock = Clock.systemUTC();
            LocalIds ids = new LocalIds("https://chorus.example");
            AccountRepository accountRepo = new AccountRepository(clock);
            DeliveryRepository deliveries = new DeliveryRepository(clock);
            DeliveryOutbox outbox = new DeliveryOutbox(deliveries);
            FollowRepository followRepo = new FollowRepository(clock);
            BlockRepository blockRepo = new BlockRepository(clock);
            AccountService accounts = new AccountService(vertx, db, accountRepo,
                    new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), new Keys(), ids,
                    Registrations.OPEN);
            body.run(new Rig(db, accounts, new FollowService(db, Events.none(db), accountRepo, followRepo, blockRepo, outbox, ids),
                    new InboundFollows(followRepo, blockRepo, outbox, ids), accountRepo, deliveries));
        }
    }

    private static Throwable failure(Future<?> f) {
        return f.map(v -> (Throwable) null).otherwise(e -> e).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void localFollowsAreImmediateUnlessLocked(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            Account bob = rig.local("bob", false);
            Account carol = rig.local("carol", true);
            Relationship r = rig.follows().follow(alice.id(), bob.id()).await();
            assertThat(r.following()).isTrue();
            assertThat(rig.follows().follow(alice.id(), bob.id()).await()).isEqualTo(r); // idempotent

            Relationship pending = rig.follows().follow(alice.id(), carol.id()).await();
            assertThat(pending.following()).isFalse();
            assertThat(pending.requested()).isTrue();
            assertThat(rig.follows().authorize(carol.id(), alice.id()).await().followedBy()).isTrue();

            Relationship gone = rig.follows().unfollow(alice.id(), bob.id()).await();
            assertThat(gone.following()).isFalse();
            assertThat(rig.sent()).isEmpty(); // nothing leaves the server for local relations
            assertThat(failure(rig.follows().follow(alice.id(), alice.id()))).isInstanceOf(ClientError.class);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void followingARemoteAccountSendsFollowAndWaitsForAccept(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            Account bob = rig.remote("bob", "mastodon.example");
            Relationship r = rig.follows().follow(alice.id(), bob.id()).await();
            assertThat(r.requested()).isTrue();
            List<JsonObject> sent = rig.sent();
            assertThat(sent).hasSize(1);
            JsonObject follow = sent.get(0);
            assertThat(follow.getString("type")).isEqualTo("Follow");
            assertThat(follow.getString("actor")).isEqualTo("https://chorus.example/users/alice");
            assertThat(follow.getString("object")).isEqualTo("https://mastodon.example/users/bob");

            // bob's server accepts, naming the Follow's id
            boolean accepted = rig.db().tx(dsl -> rig.inbound().accept(dsl, bob,
                    Optional.of(follow.getString("id")), Optional.empty())).await();
            assertThat(accepted).isTrue();
            assertThat(rig.follows().relationship(alice.id(), bob.id()).await().following()).isTrue();

            rig.follows().unfollow(alice.id(), bob.id()).await();
            JsonObject undo = rig.sent().get(0);
            assertThat(undo.getString("type")).isEqualTo("Undo");
            assertThat(undo.getJsonObject("object").getString("id")).isEqualTo(follow.getString("id"));
            assertThat(undo.getJsonObject("object").getString("type")).isEqualTo("Follow");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void onlyTheFollowedAccountCanAcceptOrReject(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            Account bob = rig.remote("bob", "mastodon.example");
            Account mallory = rig.remote("mallory", "evil.example");
            rig.follows().follow(alice.id(), bob.id()).await();
            String followId = rig.sent().get(0).getString("id");
            assertThat(rig.db().tx(dsl -> rig.inbound().accept(dsl, mallory, Optional.of(followId),
                    Optional.empty())).await()).isFalse();
            assertThat(rig.follows().relationship(alice.id(), bob.id()).await().requested()).isTrue();
            // Misskey-style Accept that names only the pair
            assertThat(rig.db().tx(dsl -> rig.inbound().reject(dsl, bob, Optional.empty(), Optional.of(alice)))
                    .await()).isTrue();
            assertThat(rig.follows().relationship(alice.id(), bob.id()).await().requested()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void remoteFollowsAreAcceptedOrQueuedForLockedAccounts(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            Account carol = rig.local("carol", true);
            Account bob = rig.remote("bob", "mastodon.example");
            String f1 = "https://mastodon.example/follows/1";
            assertThat(rig.db().tx(dsl -> rig.inbound().follow(dsl, bob, alice, f1, Emitter.NONE)).await())
                    .isEqualTo(InboundFollows.Outcome.ACCEPTED);
            JsonObject accept = rig.sent().get(0);
            assertThat(accept.getString("type")).isEqualTo("Accept");
            assertThat(accept.getString("actor")).isEqualTo(alice.uri());
            assertThat(accept.getJsonObject("object").getString("id")).isEqualTo(f1);
            assertThat(accept.getJsonObject("object").getString("actor")).isEqualTo(bob.uri());
            // the same Follow again: Accept again, still one relation
            assertThat(rig.db().tx(dsl -> rig.inbound().follow(dsl, bob, alice, f1, Emitter.NONE)).await())
                    .isEqualTo(InboundFollows.Outcome.ALREADY_FOLLOWING);
            assertThat(rig.db().read(dsl -> new FollowRepository(Clock.systemUTC()).countFollowers(dsl, alice.id()))
                    .await()).isEqualTo(1);

            String f2 = "https://mastodon.example/follows/2";
            assertThat(rig.db().tx(dsl -> rig.inbound().follow(dsl, bob, carol, f2, Emitter.NONE)).await())
                    .isEqualTo(InboundFollows.Outcome.PENDING);
            assertThat(rig.sent()).hasSize(1); // only the repeated Accept to alice's follower
            rig.follows().reject(carol.id(), bob.id()).await();
            JsonObject reject = rig.sent().get(0);
            assertThat(reject.getString("type")).isEqualTo("Reject");
            assertThat(reject.getJsonObject("object").getString("id")).isEqualTo(f2);

            // bob undoes his follow of alice
            assertThat(rig.db().tx(dsl -> rig.inbound().undoFollow(dsl, bob, Optional.of(f1), Optional.empty()))
                    .await()).isTrue();
            assertThat(rig.follows().relationship(alice.id(), bob.id()).await().followedBy()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void manyServersFollowingOneAccountAtOnceAllSucceedAndCountRight(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            List<Account> followers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                followers.add(rig.remote("f" + i, "server" + i + ".example"));
            }
            // All at once, as deliveries from many servers arrive: InnoDB would deadlock on the
            // account rows if the follow and the count update took their locks in the wrong order.
            List<Future<InboundFollows.Outcome>> all = new java.util.ArrayList<>();
            for (Account f : followers) {
                all.add(rig.db().tx(dsl -> rig.inbound().follow(dsl, f, alice, f.uri() + "#follow", Emitter.NONE)));
            }
            Future.all(all).await();
            assertThat(all).allSatisfy(f -> assertThat(f.result()).isEqualTo(InboundFollows.Outcome.ACCEPTED));
            Account reloaded = rig.db().read(dsl -> rig.accountRepo().findById(dsl, alice.id()).orElseThrow()).await();
            assertThat(reloaded.counts().followers()).isEqualTo(24);
            assertThat(rig.sent()).hasSize(24);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void blocksRemoveFollowsBothWaysAndRefuseNewOnes(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice", false);
            Account bob = rig.remote("bob", "mastodon.example");
            rig.db().tx(dsl -> rig.inbound().follow(dsl, bob, alice, "https://mastodon.example/f/1", Emitter.NONE)).await();
            rig.follows().follow(alice.id(), bob.id()).await();
            rig.sent();

            Relationship r = rig.follows().block(alice.id(), bob.id()).await();
            assertThat(r.blocking()).isTrue();
            assertThat(r.following()).isFalse();
            assertThat(r.followedBy()).isFalse();
            assertThat(rig.sent()).extracting(j -> j.getString("type")).containsExactly("Block");

            assertThat(rig.db().tx(dsl -> rig.inbound().follow(dsl, bob, alice, "https://mastodon.example/f/2", Emitter.NONE))
                    .await()).isEqualTo(InboundFollows.Outcome.REJECTED_BLOCKED);
            assertThat(rig.sent()).extracting(j -> j.getString("type")).containsExactly("Reject");
            assertThat(failure(rig.follows().follow(alice.id(), bob.id()))).hasMessage("This action is not allowed");

            rig.follows().unblock(alice.id(), bob.id()).await();
            JsonObject undo = rig.sent().get(0);
            assertThat(undo.getString("type")).isEqualTo("Undo");
            assertThat(undo.getJsonObject("object").getString("type")).isEqualTo("Block");
        });
    }
}
