package social.chorus.process.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.LocalIds;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.process.event.Events;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusServices;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.storage.TimelineRepository;
import social.chorus.storage.TimelineRepository.Origin;
import social.chorus.testing.Fixtures;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestDatabase;

/** Home, public and hashtag timelines: who sees what, and paging by id, on both databases. */
class TimelineServiceTest {
    private static final PageQuery FIRST_40 = new PageQuery(null, null, null, 40);

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
            StatusRepository statusRepo, TimelineService timelines, StatusIds ids) {
        Account local(String name) {
            return accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        Account remote(String name) {
            return db.tx(dsl -> accountRepo.upsertRemote(dsl, Fixtures.remotePerson(name, "remote.example"))).await();
        }

        long post(Account a, String text, String visibility) {
            return statuses.posting().create(a.id(), new NewStatus(text, null, null, visibility, null, null, null,
                    null)).await().status().id();
        }

        /** A status that arrived from another server, stored as the inbox stores one. */
        long remotePost(Account author, Visibility visibility, List<String> tags) {
            long id = ids.next();
            Status s = new Status(id, author.uri() + "/statuses/" + id, null, author.id(), false, Status.Reply.NONE,
                    "tag:remote.example," + id, visibility, new StatusContent(null, "<p>remote</p>", "", false, null),
                    null, Status.Counts.ZERO, java.time.Instant.now(), null);
            db.tx(dsl -> statusRepo.insert(dsl, s, List.of(), tags)).await();
            return id;
        }

        /** A boost of {@code original} by {@code booster}, stored as the interactions code stores one. */
        long boost(Account booster, long original) {
            long id = ids.next();
            Status s = new Status(id, booster.uri() + "/statuses/" + id + "/activity", null, booster.id(), true,
                    Status.Reply.NONE, "tag:boost," + id, Visibility.PUBLIC, new StatusContent(null, "", "", false, null),
                    null, Status.Counts.ZERO, java.time.Instant.now(), null, original);
            db.tx(dsl -> statusRepo.insert(dsl, s, List.of(), List.of())).await();
            return id;
        }

        void follow(Account from, Account to, Follow.State state) {
            db.tx(dsl -> new FollowRepository(Clock.systemUTC()).insert(dsl, from.id(), to.id(),
                    "https://chorus.example/follows/" + from.id() + "-" + to.id(), state)).await();
        }

        void block(Account from, Account to) {
            db.tx(dsl -> new BlockRepository(Clock.systemUTC()).insert(dsl, from.id(), to.id(),
                    "https://chorus.example/blocks/" + from.id() + "-" + to.id())).await();
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
            StatusRepository statusRepo = new StatusRepository(clock);
            // Posts and the rig's boosts share one id source, as in the server.
            StatusIds statusIds = new StatusIds(clock, new SecureRandom());
            StatusServices statuses = StatusServices.create(db, Events.none(db), clock, ids, "chorus.example", 5000,
                    null, null, statusIds);
            body.run(new Rig(db, accounts, statuses, accountRepo,
                    statusRepo, new TimelineService(db, new TimelineRepository(), statuses.views()), statusIds));
        }
    }

    private static List<Long> ids(List<StatusView> views) {
        return views.stream().map(v -> v.status().id()).toList();
    }

    private static List<Long> newestFirst(Long... ids) {
        List<Long> out = new ArrayList<>(List.of(ids));
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void homeShowsOwnAndFollowedRespectingVisibilityAndBlocks(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");       // followed
            Account carol = rig.local("carol");   // not followed
            Account dave = rig.local("dave");     // followed, but alice blocks him
            Account erin = rig.local("erin");     // followed, but she blocks alice
            Account frank = rig.local("frank");   // follow request still pending
            Account rita = rig.remote("rita");    // remote, followed
            rig.follow(alice, bob, Follow.State.ACCEPTED);
            rig.follow(alice, dave, Follow.State.ACCEPTED);
            rig.follow(alice, erin, Follow.State.ACCEPTED);
            rig.follow(alice, frank, Follow.State.PENDING);
            rig.follow(alice, rita, Follow.State.ACCEPTED);
            rig.block(alice, dave);
            rig.block(erin, alice);

            long ownPublic = rig.post(alice, "mine", "public");
            long ownPrivate = rig.post(alice, "mine, followers", "private");
            long ownDirect = rig.post(alice, "note to self", "direct");
            long bobPublic = rig.post(bob, "bob public", "public");
            long bobUnlisted = rig.post(bob, "bob unlisted", "unlisted");
            long bobPrivate = rig.post(bob, "bob followers", "private");
            long bobDirectToAlice = rig.post(bob, "@alice psst", "direct");
            rig.post(bob, "@carol psst", "direct");
            rig.post(carol, "carol public", "public");
            rig.post(carol, "carol followers", "private");
            rig.post(carol, "@alice from a stranger", "direct");
            rig.post(dave, "dave public", "public");
            rig.post(erin, "erin public", "public");
            rig.post(frank, "frank public", "public");
            long ritaPublic = rig.remotePost(rita, Visibility.PUBLIC, List.of());

            List<StatusView> home = rig.timelines().home(alice.id(), FIRST_40).await();
            assertThat(ids(home)).containsExactlyElementsOf(newestFirst(ownPublic, ownPrivate, ownDirect, bobPublic,
                    bobUnlisted, bobPrivate, bobDirectToAlice, ritaPublic));
            assertThat(home.get(0).account().id()).isEqualTo(rita.id());

            // Carol follows nobody: her home is her own statuses only, including followers-only.
            assertThat(rig.timelines().home(carol.id(), FIRST_40).await()).extracting(v -> v.account().id())
                    .containsOnly(carol.id()).hasSize(3);
            // Bob's direct to carol is not in carol's home: she does not follow bob.
            // Once she does (accepted), his public, unlisted and followers-only posts and that DM are.
            rig.follow(carol, bob, Follow.State.ACCEPTED);
            assertThat(rig.timelines().home(carol.id(), FIRST_40).await()).hasSize(3 + 4);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void homeShowsBoostsOfVisiblePostsWithTheirViews(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");       // followed; boosts everyone's posts
            Account carol = rig.local("carol");   // not followed
            Account dave = rig.local("dave");     // alice blocks him
            Account erin = rig.local("erin");     // she blocks alice
            rig.follow(alice, bob, Follow.State.ACCEPTED);
            rig.block(alice, dave);
            rig.block(erin, alice);

            long carolPublic = rig.post(carol, "hello @alice and @bob #Garden #coffee", "public");
            long carolPrivate = rig.post(carol, "followers only", "private");
            long carolDirect = rig.post(carol, "@bob psst", "direct");
            long davePublic = rig.post(dave, "dave public", "public");
            long erinUnlisted = rig.post(erin, "erin unlisted", "unlisted");
            long bobOwn = rig.post(bob, "@carol #garden", "public");
            long boostOfCarol = rig.boost(bob, carolPublic);
            rig.boost(bob, carolPrivate);
            rig.boost(bob, carolDirect);
            rig.boost(bob, davePublic);
            rig.boost(bob, erinUnlisted);
            long boostOfOwn = rig.boost(bob, bobOwn);

            List<StatusView> home = rig.timelines().home(alice.id(), FIRST_40).await();
            // Only the boosts of visible posts whose authors are not blocked either way.
            assertThat(ids(home)).containsExactly(boostOfOwn, boostOfCarol, bobOwn);
            StatusView own = home.get(2);
            assertThat(own.mentions()).extracting(Account::id).containsExactly(carol.id());
            assertThat(own.tags()).containsExactly("garden");
            StatusView boost = home.get(1);
            assertThat(boost.account().id()).isEqualTo(bob.id());
            assertThat(boost.mentions()).isEmpty();
            assertThat(boost.reblog().status().id()).isEqualTo(carolPublic);
            assertThat(boost.reblog().account().id()).isEqualTo(carol.id());
            assertThat(boost.reblog().mentions()).extracting(Account::id).containsExactly(alice.id(), bob.id());
            assertThat(boost.reblog().tags()).containsExactly("coffee", "garden");
            assertThat(home.get(0).reblog().status().id()).isEqualTo(bobOwn);
            assertThat(home.get(0).reblog().tags()).containsExactly("garden");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void publicTimelineByOriginAndHashtags(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            Account rita = rig.remote("rita");
            long alicePublic = rig.post(alice, "hello #Java", "public");
            rig.post(alice, "quietly #java", "unlisted");
            rig.post(alice, "followers #java", "private");
            rig.post(alice, "@bob #java", "direct");
            long bobPublic = rig.post(bob, "LOUD #JAVA", "public");
            long bobOther = rig.post(bob, "no tag", "public");
            long ritaPublic = rig.remotePost(rita, Visibility.PUBLIC, List.of("java"));
            rig.remotePost(rita, Visibility.UNLISTED, List.of("java"));

            TimelineService t = rig.timelines();
            assertThat(ids(t.publicTimeline(null, Origin.ALL, FIRST_40).await()))
                    .containsExactlyElementsOf(newestFirst(alicePublic, bobPublic, bobOther, ritaPublic));
            assertThat(ids(t.publicTimeline(null, Origin.LOCAL, FIRST_40).await()))
                    .containsExactlyElementsOf(newestFirst(alicePublic, bobPublic, bobOther));
            assertThat(ids(t.publicTimeline(null, Origin.REMOTE, FIRST_40).await())).containsExactly(ritaPublic);

            assertThat(ids(t.tag(null, "Java", Origin.ALL, FIRST_40).await()))
                    .containsExactlyElementsOf(newestFirst(alicePublic, bobPublic, ritaPublic));
            assertThat(ids(t.tag(null, "#JAVA", Origin.LOCAL, FIRST_40).await()))
                    .containsExactlyElementsOf(newestFirst(alicePublic, bobPublic));
            assertThat(ids(t.tag(null, "java", Origin.REMOTE, FIRST_40).await())).containsExactly(ritaPublic);
            assertThat(t.tag(null, "kotlin", Origin.ALL, FIRST_40).await()).isEmpty();
            assertThat(t.tag(null, "", Origin.ALL, FIRST_40).await()).isEmpty();
            assertThat(t.tag(null, "x".repeat(500), Origin.ALL, FIRST_40).await()).isEmpty();
            assertThat(t.tag(null, "java' OR '1'='1", Origin.ALL, FIRST_40).await()).isEmpty();

            // A signed-in viewer does not see whom they block, nor who blocks them.
            rig.block(carol, bob);
            rig.block(rita, carol);
            assertThat(ids(t.publicTimeline(carol.id(), Origin.ALL, FIRST_40).await())).containsExactly(alicePublic);
            assertThat(ids(t.tag(carol.id(), "java", Origin.ALL, FIRST_40).await())).containsExactly(alicePublic);
            assertThat(t.publicTimeline(null, Origin.ALL, FIRST_40).await()).hasSize(4);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pagesByMaxSinceAndMinIdWithBoundedLimits(TestDatabase.Kind kind) throws Exception {
        with(kind, rig -> {
            Account alice = rig.local("alice");
            List<Long> s = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                s.add(rig.remotePost(rig.remote("r" + i), Visibility.PUBLIC, List.of()));
            }
            // Ids are time-sortable: s.get(44) is the newest.
            TimelineService t = rig.timelines();
            Origin all = Origin.ALL;
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(null, null, null, 3)).await()))
                    .containsExactly(s.get(44), s.get(43), s.get(42));
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(s.get(42), null, null, 3)).await()))
                    .containsExactly(s.get(41), s.get(40), s.get(39));
            // since_id: the newest ones above it; min_id: the ones just after it, shown newest first.
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(null, s.get(2), null, 2)).await()))
                    .containsExactly(s.get(44), s.get(43));
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(null, null, s.get(2), 2)).await()))
                    .containsExactly(s.get(4), s.get(3));
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(s.get(6), s.get(3), null, 40)).await()))
                    .containsExactly(s.get(5), s.get(4));
            assertThat(ids(t.publicTimeline(null, all, new PageQuery(s.get(6), null, s.get(3), 1)).await()))
                    .containsExactly(s.get(4));
            assertThat(t.publicTimeline(null, all, new PageQuery(null, s.get(44), null, 20)).await()).isEmpty();
            // The service clamps whatever limit reaches it.
            assertThat(t.publicTimeline(null, all, new PageQuery(null, null, null, 10_000)).await()).hasSize(40);
            assertThat(t.publicTimeline(null, all, new PageQuery(null, null, null, -5)).await()).hasSize(1);
            // Home pages the same way.
            List<Long> own = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                own.add(rig.post(alice, "post " + i, "public"));
            }
            assertThat(ids(t.home(alice.id(), new PageQuery(own.get(4), null, own.get(0), 2)).await()))
                    .containsExactly(own.get(2), own.get(1));
        });
    }

    @Test
    void limitsAreClampedAsMastodonClampsThem() {
        assertThat(TimelineService.limitOf(null)).isEqualTo(20);
        assertThat(TimelineService.limitOf("")).isEqualTo(20);
        assertThat(TimelineService.limitOf("abc")).isEqualTo(20);
        assertThat(TimelineService.limitOf("1.5")).isEqualTo(20);
        assertThat(TimelineService.limitOf("5")).isEqualTo(5);
        assertThat(TimelineService.limitOf(" 7 ")).isEqualTo(7);
        assertThat(TimelineService.limitOf("0")).isEqualTo(1);
        assertThat(TimelineService.limitOf("-1")).isEqualTo(1);
        assertThat(TimelineService.limitOf("-30")).isEqualTo(30);
        assertThat(TimelineService.limitOf("40")).isEqualTo(40);
        assertThat(TimelineService.limitOf("41")).isEqualTo(40);
        assertThat(TimelineService.limitOf("10000")).isEqualTo(40);
        assertThat(TimelineService.limitOf("99999999999999999999999")).isEqualTo(40);
        assertThat(TimelineService.limitOf("000")).isEqualTo(1);
    }
}
