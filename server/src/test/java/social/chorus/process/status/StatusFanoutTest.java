package social.chorus.process.status;

import social.chorus.storage.StatusRepository;
import social.chorus.model.Visibility;
import social.chorus.model.StatusContent;
import social.chorus.model.Status;
import java.time.Instant;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.process.event.Events;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.LocalIds;
import social.chorus.model.StatusView;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.SignUp;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.testing.Fixtures;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestDatabase;

/** Local posts go, in their transaction, to remote followers (shared-inbox dedup) and remote mentions. */
class StatusFanoutTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private record Rig(Db db, AccountService accounts, StatusServices statuses, AccountRepository accountRepo,
            FollowRepository follows, DeliveryRepository deliveries) {
        Account local(String name) {
            return accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        Account remote(Account a) {
            return db.tx(dsl -> accountRepo.upsertRemote(dsl, a)).await();
        }

        Account remoteWithoutSharedInbox(String name, String host) {
            Account a = Fixtures.remotePerson(name, host);
            var e = a.endpoints();
            return remote(new Account(0, a.username(), a.domain(), a.type(), a.uri(), a.url(), a.displayName(),
                    a.note(), new Account.ActorEndpoints(e.inbox(), e.outbox(), null, e.followers(), e.following()),
                    a.publicKey(), null, a.flags(), a.counts(), null, null, a.fetchedAt()));
        }

        void follow(Account follower, Account target, Follow.State state) {
            db.tx(dsl -> follows.insert(dsl, follower.id(), target.id(), follower.uri() + "#f" + target.id(), state))
                    .await();
        }

        StatusView post(Account a, String text, String visibility) {
            return statuses.posting().create(a.id(), new NewStatus(text, null, null, visibility, null, null, null,
                    null)).await();
        }

        /** inbox → payload of every queued delivery, claimed (so each call sees only new ones). */
        Map<String, JsonObject> sent() {
            Map<String, JsonObject> out = new TreeMap<>();
            db.tx(dsl -> deliveries.claimDue(dsl, 1000, Duration.ofMinutes(5))).await()
                    .forEach(j -> out.put(j.inboxUrl(), new JsonObject(j.payload())));
            return out;
        }
    }

    private void with(TestDatabase.Kind kind, java.util.function.Consumer<Rig> body) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            Db db = w.db;
            Clock clock = w.clock;
            LocalIds ids = w.ids;
            AccountRepository accountRepo = w.accountRepo;
            AccountService accounts = w.accounts;
            DeliveryRepository deliveries = new DeliveryRepository(clock);
            DeliveryOutbox outbox = new DeliveryOutbox(deliveries, ids, "chorus.example", () -> { });
            body.accept(new Rig(db, accounts, StatusServices.create(db, Events.none(db), clock, ids, "chorus.example",
                    5000, outbox),
                    accountRepo, new FollowRepository(clock), deliveries));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void publicPostGoesOncePerSharedInboxAndNeverToLocalFollowers(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            Account a1 = rig.remote(Fixtures.remotePerson("a1", "one.example"));
            Account a2 = rig.remote(Fixtures.remotePerson("a2", "one.example"));
            Account lone = rig.remoteWithoutSharedInbox("lone", "two.example");
            Account pending = rig.remote(Fixtures.remotePerson("p", "three.example"));
            rig.follow(a1, bob, Follow.State.ACCEPTED);
            rig.follow(a2, bob, Follow.State.ACCEPTED);
            rig.follow(lone, bob, Follow.State.ACCEPTED);
            rig.follow(carol, bob, Follow.State.ACCEPTED);
            rig.follow(pending, bob, Follow.State.PENDING);

            StatusView s = rig.post(bob, "hello #Chorus", "public");
            Map<String, JsonObject> sent = rig.sent();
            assertThat(sent.keySet()).containsExactly("https://one.example/inbox",
                    "https://two.example/users/lone/inbox");
            JsonObject create = sent.get("https://one.example/inbox");
            assertThat(create.getString("type")).isEqualTo("Create");
            assertThat(create.getString("actor")).isEqualTo(bob.uri());
            JsonObject note = create.getJsonObject("object");
            assertThat(note.getString("id")).isEqualTo(s.status().uri());
            assertThat(note.getString("type")).isEqualTo("Note");
            assertThat(note.getJsonArray("to")).isEqualTo(new JsonArray().add(StatusToAs.PUBLIC));
            assertThat(note.getJsonArray("cc")).isEqualTo(new JsonArray().add(bob.uri() + "/followers"));
            assertThat(note.getJsonArray("tag").getJsonObject(0).getString("name")).isEqualTo("#chorus");

            rig.statuses.posting().edit(bob.id(), s.status().id(),
                    new StatusChange("hello again", null, null, null)).await();
            Map<String, JsonObject> edits = rig.sent();
            assertThat(edits).hasSize(2);
            JsonObject update = edits.get("https://one.example/inbox");
            assertThat(update.getString("type")).isEqualTo("Update");
            assertThat(update.getJsonObject("object").getString("content")).contains("hello again");
            assertThat(update.getJsonObject("object").getString("updated")).isNotNull();

            rig.statuses.posting().delete(bob.id(), s.status().id()).await();
            JsonObject delete = rig.sent().get("https://one.example/inbox");
            assertThat(delete.getString("type")).isEqualTo("Delete");
            assertThat(delete.getJsonObject("object"))
                    .isEqualTo(new JsonObject().put("id", s.status().uri()).put("type", "Tombstone"));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void directGoesOnlyToTheMentionedAndPrivateAddsMentionsToFollowers(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account fan = rig.remote(Fixtures.remotePerson("fan", "fans.example"));
            Account friend = rig.remote(Fixtures.remotePerson("friend", "friends.example"));
            rig.follow(fan, bob, Follow.State.ACCEPTED);

            rig.post(bob, "psst @friend@friends.example", "direct");
            Map<String, JsonObject> direct = rig.sent();
            assertThat(direct.keySet()).containsExactly("https://friends.example/inbox");
            JsonObject note = direct.get("https://friends.example/inbox").getJsonObject("object");
            assertThat(note.getJsonArray("to")).isEqualTo(new JsonArray().add(friend.uri()));
            assertThat(note.getJsonArray("cc")).isEmpty();
            assertThat(note.getJsonArray("tag").getJsonObject(0).getMap())
                    .containsEntry("type", "Mention").containsEntry("href", friend.uri())
                    .containsEntry("name", "@friend@friends.example");

            rig.post(bob, "followers and @friend@friends.example", "private");
            Map<String, JsonObject> priv = rig.sent();
            assertThat(priv.keySet()).containsExactly("https://fans.example/inbox", "https://friends.example/inbox");
            JsonObject p = priv.get("https://fans.example/inbox").getJsonObject("object");
            assertThat(p.getJsonArray("to")).isEqualTo(new JsonArray().add(bob.uri() + "/followers"));
            assertThat(p.getJsonArray("cc")).isEqualTo(new JsonArray().add(friend.uri()));

            rig.post(bob, "quiet", "unlisted");
            JsonObject u = rig.sent().get("https://fans.example/inbox").getJsonObject("object");
            assertThat(u.getJsonArray("to")).isEqualTo(new JsonArray().add(bob.uri() + "/followers"));
            assertThat(u.getJsonArray("cc")).isEqualTo(new JsonArray().add(StatusToAs.PUBLIC));
            assertThat(List.copyOf(rig.sent().keySet())).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPublicReplyReachesTheRemoteAuthorOfItsParentAPrivateOneDoesNot(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account far = rig.remote(Fixtures.remotePerson("far", "far.example"));
            Status parent = rig.db().tx(dsl -> new StatusRepository(Clock.systemUTC()).insert(dsl,
                    new Status(1L, "https://far.example/users/far/statuses/1", null, far.id(), false,
                            Status.Reply.NONE, "https://far.example/contexts/1", Visibility.PUBLIC,
                            new StatusContent(null, "<p>a question</p>", "", false, null), null, Status.Counts.ZERO,
                            Instant.parse("2026-11-29T10:00:00Z"), null, null), List.of(), List.of())).await();

            rig.statuses().posting().create(bob.id(), new NewStatus("an answer, no mention", null, null, "public",
                    null, parent.id(), null, null)).await();
            Map<String, JsonObject> sent = rig.sent();
            assertThat(sent.keySet()).containsExactly("https://far.example/inbox");
            assertThat(sent.get("https://far.example/inbox").getJsonObject("object").getString("inReplyTo"))
                    .isEqualTo(parent.uri());

            rig.statuses().posting().create(bob.id(), new NewStatus("a private word", null, null, "direct",
                    null, parent.id(), null, null)).await();
            assertThat(rig.sent()).isEmpty();
            // Followers-only: nobody far follows bob, and far is not mentioned, so nothing goes there.
            rig.statuses().posting().create(bob.id(), new NewStatus("for my followers", null, null, "private",
                    null, parent.id(), null, null)).await();
            assertThat(rig.sent()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeleteAlsoReachesWhereBoostsTookThePost(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            Account carolsFan = rig.remote(Fixtures.remotePerson("fan", "fans.example"));
            Account remoteBooster = rig.remote(Fixtures.remotePerson("rb", "boosters.example"));
            rig.follow(carolsFan, carol, Follow.State.ACCEPTED);
            StatusView post = rig.post(bob, "worth sharing", "public");
            assertThat(rig.sent()).isEmpty(); // nobody remote follows bob
            StatusRepository repo = new StatusRepository(Clock.systemUTC());
            long[] ids = {post.status().id() + 1, post.status().id() + 2};
            rig.db().tx(dsl -> {
                for (Account booster : List.of(carol, remoteBooster)) {
                    long id = booster == carol ? ids[0] : ids[1];
                    repo.insert(dsl, new Status(id, booster.uri() + "/statuses/" + id + "/activity", null,
                            booster.id(), booster.local(), Status.Reply.NONE, "https://chorus.example/contexts/" + id,
                            Visibility.PUBLIC, new StatusContent(null, "", "", false, null), null, Status.Counts.ZERO,
                            Instant.now(), null, post.status().id()), List.of(), List.of());
                }
                return null;
            }).await();

            rig.statuses().posting().delete(bob.id(), post.status().id()).await();
            Map<String, JsonObject> sent = rig.sent();
            assertThat(sent.keySet()).containsExactlyInAnyOrder("https://fans.example/inbox",
                    "https://boosters.example/inbox");
            assertThat(sent.get("https://fans.example/inbox").getString("type")).isEqualTo("Delete");
        });
    }
}
