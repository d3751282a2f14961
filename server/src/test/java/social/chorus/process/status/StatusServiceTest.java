package social.chorus.process.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.SignUp;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.testing.Fixtures;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestDatabase;
import social.chorus.model.Follow;

/** Local posts, threads, visibility, edits and deletes, on both databases. */
class StatusServiceTest {
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
            StatusRepository statusRepo, FollowRepository follows) {
        Account local(String name) {
            return accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        StatusView post(Account a, String text, String visibility) {
            return statuses.posting().create(a.id(), new NewStatus(text, null, null, visibility, null, null, null,
                    null)).await();
        }

        StatusView reply(Account a, long to, String text) {
            return statuses.posting().create(a.id(), new NewStatus(text, null, null, null, null, to, null, null))
                    .await();
        }

        int statusesCount(Account a) {
            return db.read(dsl -> accountRepo.findById(dsl, a.id()).orElseThrow()).await().counts().statuses();
        }
    }

    private interface Body {
        void run(Rig rig) throws Exception;
    }

    private void with(TestDatabase.Kind kind, Body body) throws Exception {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            Db db = w.db;
            Clock clock = w.clock;
            LocalIds ids = w.ids;
            AccountRepository accountRepo = w.accountRepo;
            AccountService accounts = w.accounts;
            body.run(new Rig(db, accounts, StatusServices.create(db, clock, ids, "chorus.example", 5000), accountRepo,
                    new StatusRepository(clock), new FollowRepository(clock)));
        }
    }

    private static int failureStatus(Future<?> f) {
        Throwable t = f.map(v -> (Throwable) null).otherwise(e -> e).await();
        assertThat(t).isInstanceOf(ClientError.class);
        return ((ClientError) t).status();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void createsWithMentionsTagsCountsAndLimits(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            Account remote = rig.db().tx(dsl -> rig.accountRepo().upsertRemote(dsl,
                    Fixtures.remotePerson("carol", "remote.example"))).await();
            StatusView v = rig.statuses().posting().create(alice.id(), new NewStatus(
                    "Hi @bob @carol@remote.example @dave@nowhere.example #Java <b>x</b>", "spoilers", null, null,
                    "EN", null, null, null)).await();
            Status s = v.status();
            assertThat(s.uri()).isEqualTo("https://chorus.example/users/alice/statuses/" + s.id());
            assertThat(s.url()).isEqualTo("https://chorus.example/@alice/" + s.id());
            assertThat(s.local()).isTrue();
            assertThat(s.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(s.content().sensitive()).isTrue(); // a content warning makes it sensitive
            assertThat(s.content().spoilerText()).isEqualTo("spoilers");
            assertThat(s.content().language()).isEqualTo("en");
            assertThat(s.content().html()).contains("&lt;b&gt;x&lt;/b&gt;").contains("@dave@nowhere.example")
                    .contains("https://remote.example/@carol");
            assertThat(v.mentions()).extracting(Account::id).containsExactlyInAnyOrder(bob.id(), remote.id());
            assertThat(v.tags()).containsExactly("java");
            assertThat(rig.statusesCount(alice)).isEqualTo(1);

            // 4,977 letters + one long link counted as 23 = 5,000: allowed; one more is refused.
            String link = " https://example.org/" + "p".repeat(300);
            assertThat(rig.post(alice, "a".repeat(4976) + link, null)).isNotNull();
            assertThat(failureStatus(rig.statuses().posting().create(alice.id(),
                    new NewStatus("a".repeat(4977) + link, null, null, null, null, null, null, null)))).isEqualTo(422);
            assertThat(failureStatus(rig.statuses().posting().create(alice.id(),
                    new NewStatus("  ", null, null, null, null, null, null, null)))).isEqualTo(422);
            assertThat(failureStatus(rig.statuses().posting().create(alice.id(),
                    new NewStatus("x", null, null, "secret", null, null, null, null)))).isEqualTo(422);
            assertThat(rig.statusesCount(alice)).isEqualTo(2);

            // The same Idempotency-Key returns the first status; another key makes another.
            NewStatus keyed = new NewStatus("once", null, null, null, null, null, null, "key-1");
            long first = rig.statuses().posting().create(alice.id(), keyed).await().status().id();
            assertThat(rig.statuses().posting().create(alice.id(), keyed).await().status().id()).isEqualTo(first);
            assertThat(rig.statuses().posting().create(bob.id(), keyed).await().status().id()).isNotEqualTo(first);
            assertThat(rig.statusesCount(alice)).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void visibilityRulesForFollowersOnlyAndDirect(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account follower = rig.local("follower");
            Account stranger = rig.local("stranger");
            Account pending = rig.local("pending");
            rig.db().tx(dsl -> rig.follows().insert(dsl, follower.id(), alice.id(), "https://x/f1",
                    Follow.State.ACCEPTED)).await();
            rig.db().tx(dsl -> rig.follows().insert(dsl, pending.id(), alice.id(), "https://x/f2",
                    Follow.State.PENDING)).await();
            long priv = rig.post(alice, "followers only", "private").status().id();
            long direct = rig.post(alice, "psst @stranger", "direct").status().id();
            StatusQueries q = rig.statuses().reading();
            assertThat(q.get(follower.id(), priv).await().status().id()).isEqualTo(priv);
            assertThat(q.get(alice.id(), priv).await()).isNotNull();
            assertThat(failureStatus(q.get(stranger.id(), priv))).isEqualTo(404);
            assertThat(failureStatus(q.get(pending.id(), priv))).isEqualTo(404);
            assertThat(failureStatus(q.get(null, priv))).isEqualTo(404);
            assertThat(q.get(stranger.id(), direct).await().status().id()).isEqualTo(direct);
            assertThat(failureStatus(q.get(follower.id(), direct))).isEqualTo(404);
            // Replying to what one cannot see is 404 too.
            assertThat(failureStatus(rig.statuses().posting().create(stranger.id(),
                    new NewStatus("hm", null, null, null, null, priv, null, null)))).isEqualTo(404);

            PageQuery all = new PageQuery(null, null, null, 40);
            var profile = new StatusQueries.AccountStatusesQuery(StatusRepository.AccountFilter.ALL, all);
            assertThat(q.ofAccount(null, alice.id(), profile).await()).isEmpty();
            assertThat(q.ofAccount(follower.id(), alice.id(), profile).await()).extracting(x -> x.status().id())
                    .containsExactly(priv);
            assertThat(q.ofAccount(alice.id(), alice.id(), profile).await()).hasSize(2);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void threadsEditsDeletesAndPages(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            StatusView root = rig.post(alice, "root", null);
            StatusView r1 = rig.reply(bob, root.status().id(), "r1");
            StatusView r2 = rig.reply(alice, r1.status().id(), "r2");
            StatusView r3 = rig.reply(bob, root.status().id(), "r3");
            assertThat(r2.status().conversation()).isEqualTo(root.status().conversation());
            assertThat(r1.status().reply().inReplyToAccountId()).isEqualTo(alice.id());
            StatusQueries q = rig.statuses().reading();
            var ctx = q.context(null, r1.status().id()).await();
            assertThat(ctx.ancestors()).extracting(v -> v.status().id()).containsExactly(root.status().id());
            assertThat(ctx.descendants()).extracting(v -> v.status().id()).containsExactly(r2.status().id());
            assertThat(q.context(null, root.status().id()).await().descendants()).extracting(v -> v.status().id())
                    .containsExactly(r1.status().id(), r2.status().id(), r3.status().id());
            assertThat(q.get(null, root.status().id()).await().status().counts().replies()).isEqualTo(2);

            // A reply to a stored remote status inherits its conversation.
            Account carol = rig.db().tx(dsl -> rig.accountRepo().upsertRemote(dsl,
                    Fixtures.remotePerson("carol", "remote.example"))).await();
            Status remote = rig.db().tx(dsl -> rig.statusRepo().insert(dsl, new Status(1L << 20,
                    "https://remote.example/notes/1", null, carol.id(), false, Status.Reply.NONE,
                    "https://remote.example/contexts/1", Visibility.PUBLIC,
                    new StatusContent(null, "<p>hi</p>", "", false, null), null, Status.Counts.ZERO,
                    java.time.Instant.now(), null), List.of(), List.of())).await();
            StatusView toRemote = rig.reply(alice, remote.id(), "@carol@remote.example hello");
            assertThat(toRemote.status().reply().inReplyToUri()).isEqualTo("https://remote.example/notes/1");
            assertThat(toRemote.status().conversation()).isEqualTo("https://remote.example/contexts/1");

            // Edits keep earlier versions.
            StatusView edited = rig.statuses().posting().edit(alice.id(), root.status().id(),
                    new StatusChange("root v2 #new", "cw", null, null)).await();
            assertThat(edited.status().editedAt()).isNotNull();
            assertThat(edited.status().content().sensitive()).isTrue();
            assertThat(edited.tags()).containsExactly("new");
            var history = q.history(null, root.status().id()).await();
            assertThat(history.earlier()).hasSize(1);
            assertThat(history.earlier().get(0).content().text()).isEqualTo("root");
            assertThat(failureStatus(rig.statuses().posting().edit(bob.id(), root.status().id(),
                    new StatusChange("hijack", null, null, null)))).isEqualTo(404);

            // Only the author deletes; replies stay, counts follow.
            assertThat(failureStatus(rig.statuses().posting().delete(bob.id(), root.status().id()))).isEqualTo(404);
            int before = rig.statusesCount(alice);
            assertThat(rig.statuses().posting().delete(alice.id(), root.status().id()).await().status().content()
                    .text()).isEqualTo("root v2 #new");
            assertThat(rig.statusesCount(alice)).isEqualTo(before - 1);
            assertThat(failureStatus(q.get(alice.id(), root.status().id()))).isEqualTo(404);
            StatusView orphan = q.get(null, r1.status().id()).await();
            assertThat(orphan.status().reply().inReplyToId()).isNull();
            assertThat(orphan.status().reply().inReplyToUri()).isEqualTo(root.status().uri());

            // Pages: newest first, max_id goes back, min_id forward, exclude_replies keeps self-replies.
            for (int i = 0; i < 5; i++) {
                rig.post(bob, "post " + i, null);
            }
            var page1 = q.ofAccount(null, bob.id(), new StatusQueries.AccountStatusesQuery(new StatusRepository.AccountFilter(true, false),
                    new PageQuery(null, null, null, 3))).await();
            assertThat(page1).extracting(v -> v.status().content().text()).containsExactly("post 4", "post 3", "post 2");
            var page2 = q.ofAccount(null, bob.id(), new StatusQueries.AccountStatusesQuery(new StatusRepository.AccountFilter(true, false),
                    new PageQuery(page1.get(2).status().id(), null, null, 3))).await();
            assertThat(page2).extracting(v -> v.status().content().text()).containsExactly("post 1", "post 0");
            var newer = q.ofAccount(null, bob.id(), new StatusQueries.AccountStatusesQuery(new StatusRepository.AccountFilter(true, false),
                    new PageQuery(null, null, page2.get(1).status().id(), 2))).await();
            assertThat(newer).extracting(v -> v.status().content().text()).containsExactly("post 2", "post 1");
            assertThat(q.ofAccount(null, bob.id(), new StatusQueries.AccountStatusesQuery(StatusRepository.AccountFilter.ALL,
                    new PageQuery(null, null, null, 40))).await()).hasSize(7);
        });
    }
}
