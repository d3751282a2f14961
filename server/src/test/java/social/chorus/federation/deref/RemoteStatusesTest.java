package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Status;
import social.chorus.model.Visibility;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.FetchingSide;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.MastodonNotes.Audience;
import social.chorus.testing.TestDatabase;

/**
 * Remote posts fetched by id with their parents, from a WireMock server serving Mastodon-shaped
 * notes: chains, the bound of 20 ancestors, cycles, deleted posts, blocked and private hosts,
 * malformed documents and authors on other servers; on both databases.
 */
class RemoteStatusesTest {
    private final OutboundRig rig = new OutboundRig();
    private final Clock clock = Clock.systemUTC();
    private final StatusRepository statuses = new StatusRepository(clock);

    RemoteStatusesTest() {
        // Anything not served is a plain 404 (collections, missing parents), without WireMock's mismatch report.
        rig.wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void close() {
        rig.close();
    }

    /** One instance's fetching side over a fresh database. */
    private final class World {
        final Db db;
        final RemoteStatuses remote;

        World(Db db, OutboundPolicy policy, HostBlocks blocks, String localDomain) {
            this.db = db;
            this.remote = new FetchingSide(rig.vertx, db, policy, blocks, localDomain,
                    RemoteActorResolverTest.INSTANCE_KEY, clock).statuses;
        }

        Optional<Status> stored(String uri) {
            return db.read(dsl -> statuses.findByUri(dsl, uri)).await();
        }

        Status resolved(String uri) {
            Status s = remote.resolve(uri).await();
            remote.settled().await();
            return s;
        }

        Throwable refused(String uri) {
            Throwable t = OutboundRig.failure(remote.resolve(uri));
            remote.settled().await();
            assertThat(t).as("resolving " + uri).isNotNull();
            return t;
        }

        long count() {
            return db.read(dsl -> dsl.fetchCount(social.chorus.schema.Tables.STATUS)).await();
        }
    }

    private interface Body {
        void run(World w) throws Exception;
    }

    private void with(TestDatabase.Kind kind, Body body) throws Exception {
        with(kind, OutboundPolicy.development(), HostBlocks.none(), "chorus.test", body);
    }

    private void with(TestDatabase.Kind kind, OutboundPolicy policy, HostBlocks blocks, String localDomain, Body body)
            throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(rig.vertx, database, 2)) {
            new Migrations(database).migrate();
            body.run(new World(db, policy, blocks, localDomain));
        }
    }

    private String base() {
        return rig.base("localhost");
    }

    /** Publishes a Mastodon-style actor {@code name} on the test server under {@code base}. */
    private String actor(String base, String name) {
        serve("/users/" + name, ActorDocs.person(base, name));
        return base + "/users/" + name;
    }

    private void serve(String path, JsonObject doc) {
        rig.wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE).withBody(doc.encode())));
    }

    /** Serves notes {@code from..to} by {@code actorId}, each answering the one before. */
    private void chain(String actorId, int from, int to) {
        for (int n = from; n <= to; n++) {
            String parent = n == from ? null : actorId + "/statuses/" + (n - 1);
            serve(path(actorId, n), MastodonNotes.note(actorId, n, parent, Audience.PUBLIC, "post " + n));
        }
    }

    private static String path(String actorId, int n) {
        return java.net.URI.create(actorId).getPath() + "/statuses/" + n;
    }

    private List<LoggedRequest> gets(String path) {
        return rig.wm.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aReplyComesWithItsParentsLinkedAndCounted(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            chain(bob, 1, 3);
            Status three = w.resolved(bob + "/statuses/3");

            Status two = w.stored(bob + "/statuses/2").orElseThrow();
            Status one = w.stored(bob + "/statuses/1").orElseThrow();
            Status threeNow = w.stored(three.uri()).orElseThrow();
            assertThat(threeNow.reply().inReplyToId()).isEqualTo(two.id());
            assertThat(threeNow.reply().inReplyToAccountId()).isEqualTo(two.accountId());
            assertThat(two.reply().inReplyToId()).isEqualTo(one.id());
            assertThat(one.reply().isReply()).isFalse();
            assertThat(one.counts().replies()).isEqualTo(1);
            assertThat(two.counts().replies()).isEqualTo(1);
            // Stored as a delivered post is: Mastodon's conversation, url, visibility, sanitised content.
            assertThat(one.conversation()).startsWith("tag:mamot.fr,2021-11-05:");
            assertThat(one.url()).isEqualTo(base() + "/@bob/1");
            assertThat(one.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(one.content().html()).isEqualTo("<p>post 1</p>");
            // Every fetch was signed by the instance actor.
            for (LoggedRequest r : gets("/users/bob/statuses/2")) {
                assertThat(OutboundRig.verified(r).keyId()).isEqualTo(RemoteActorResolverTest.INSTANCE_KEY.keyId());
            }

            // Stored posts are not fetched again; concurrent asks for one post share one fetch.
            assertThat(w.resolved(bob + "/statuses/3").id()).isEqualTo(three.id());
            chain(bob, 10, 10);
            Future<Status> a = w.remote.resolve(bob + "/statuses/10");
            Future<Status> b = w.remote.resolve(bob + "/statuses/10");
            assertThat(a.await().id()).isEqualTo(b.await().id());
            w.remote.settled().await();
            assertThat(gets("/users/bob/statuses/3")).hasSize(1);
            assertThat(gets("/users/bob/statuses/10")).hasSize(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aChainOf25StopsAfter20Ancestors(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            chain(bob, 1, 25);
            w.resolved(bob + "/statuses/25");

            assertThat(w.count()).isEqualTo(21);
            for (int n = 5; n <= 25; n++) {
                assertThat(w.stored(bob + "/statuses/" + n)).as("post " + n).isPresent();
                assertThat(gets(path(bob, n))).hasSize(1);
            }
            assertThat(gets(path(bob, 4))).isEmpty();
            Status top = w.stored(bob + "/statuses/5").orElseThrow();
            assertThat(top.reply().inReplyToUri()).isEqualTo(bob + "/statuses/4");
            assertThat(top.reply().inReplyToId()).isNull();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aCycleEndsWhenItMeetsAStoredPost(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            serve(path(bob, 1), MastodonNotes.note(bob, 1, bob + "/statuses/3", Audience.PUBLIC, "one"));
            serve(path(bob, 2), MastodonNotes.note(bob, 2, bob + "/statuses/1", Audience.PUBLIC, "two"));
            serve(path(bob, 3), MastodonNotes.note(bob, 3, bob + "/statuses/2", Audience.PUBLIC, "three"));
            w.resolved(bob + "/statuses/3");

            assertThat(w.count()).isEqualTo(3);
            for (int n = 1; n <= 3; n++) {
                assertThat(gets(path(bob, n))).hasSize(1);
                assertThat(w.stored(bob + "/statuses/" + n).orElseThrow().reply().inReplyToId()).isNotNull();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeletedParentEndsTheChain(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            chain(bob, 1, 3);
            // Mastodon answers 410 with a Tombstone for a deleted post.
            rig.wm.stubFor(get(urlPathEqualTo(path(bob, 2))).willReturn(aResponse().withStatus(410)
                    .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE)
                    .withBody(MastodonNotes.tombstone(bob + "/statuses/2").encode())));
            // Others serve the Tombstone with 200.
            chain(bob, 11, 13);
            serve(path(bob, 12), MastodonNotes.tombstone(bob + "/statuses/12"));
            // A 404 ends it too.
            serve(path(bob, 22), MastodonNotes.note(bob, 22, bob + "/statuses/21", Audience.PUBLIC, "x"));

            w.resolved(bob + "/statuses/3");
            w.resolved(bob + "/statuses/13");
            w.resolved(bob + "/statuses/22");

            assertThat(w.count()).isEqualTo(3);
            assertThat(gets(path(bob, 2))).hasSize(1);
            assertThat(gets(path(bob, 1))).isEmpty();
            assertThat(gets(path(bob, 11))).isEmpty();
            assertThat(w.stored(bob + "/statuses/3").orElseThrow().reply().inReplyToId()).isNull();
            assertThat(((ResolveException) w.refused(bob + "/statuses/12")).reason())
                    .isEqualTo(ResolveException.Reason.DELETED);
            assertThat(((FetchException) w.refused(bob + "/statuses/2")).gone()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void blockedHostsAreNotAsked(TestDatabase.Kind kind) throws Exception {
        HostBlocks blocks = host -> Future.succeededFuture(host.equals("127.0.0.1"));
        with(kind, OutboundPolicy.development(), blocks, "chorus.test", w -> {
            String bob = actor(base(), "bob");
            String carol = actor(rig.base("127.0.0.1"), "carol");
            serve(path(carol, 1), MastodonNotes.note(carol, 1, null, Audience.PUBLIC, "carol"));
            serve(path(bob, 2), MastodonNotes.note(bob, 2, carol + "/statuses/1", Audience.PUBLIC, "reply"));
            // A redirect that ends on a blocked host is refused as well.
            rig.wm.stubFor(get(urlPathEqualTo("/go")).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", carol + "/statuses/1")));

            w.resolved(bob + "/statuses/2");
            assertThat(w.stored(carol + "/statuses/1")).isEmpty();
            assertThat(gets(path(carol, 1))).isEmpty();

            Throwable direct = w.refused(carol + "/statuses/1");
            assertThat(((ResolveException) direct).reason()).isEqualTo(ResolveException.Reason.REFUSED_HOST);
            assertThat(gets(path(carol, 1))).isEmpty();
            Throwable redirected = w.refused(base() + "/go");
            assertThat(((ResolveException) redirected).reason()).isEqualTo(ResolveException.Reason.REFUSED_HOST);
            assertThat(w.count()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void privateAddressesAreRefusedWithoutTheDevelopmentSetting(TestDatabase.Kind kind) throws Exception {
        // Production address rules (CHORUS_ALLOW_PRIVATE_ADDRESSES=false), with plain http let through
        // so that the address guard, not the scheme rule, is what refuses.
        OutboundPolicy publicOnly = new OutboundPolicy(true, a -> AddressClassifier.classify(a).isPublic());
        with(kind, publicOnly, HostBlocks.none(), "chorus.test", w -> {
            String bob = actor(base(), "bob");
            chain(bob, 1, 1);
            FetchException e = (FetchException) w.refused(bob + "/statuses/1");
            assertThat(e.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
            FetchException https = (FetchException) w.refused("https://127.0.0.1:" + rig.wm.port() + "/x");
            assertThat(https.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
            assertThat(rig.wm.getAllServeEvents()).isEmpty();
            assertThat(w.count()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void malformedDocumentsAreRefusedAndNothingIsStored(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            rig.wm.stubFor(get(urlPathEqualTo("/bad/json")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE).withBody("{\"id\": \"x\", ")));
            rig.wm.stubFor(get(urlPathEqualTo("/bad/html")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html").withBody("<p>hi</p>")));
            JsonObject noAuthor = MastodonNotes.note(bob, 2, null, Audience.PUBLIC, "x");
            noAuthor.remove("attributedTo");
            serve(path(bob, 2), noAuthor);
            String longId = bob + "/statuses/" + "9".repeat(600);
            serve(path(bob, 3), MastodonNotes.note(bob, 3, null, Audience.PUBLIC, "x").put("id", longId));
            serve(path(bob, 4), MastodonNotes.note(bob, 4, null, Audience.PUBLIC, "x").put("type", "Person"));
            serve(path(bob, 5), MastodonNotes.note(bob, 5, longId, Audience.PUBLIC, "x"));
            // A reply whose parent is malformed is kept; the walk just ends.
            serve(path(bob, 6), MastodonNotes.note(bob, 6, bob + "/statuses/2", Audience.PUBLIC, "reply"));

            assertThat(((ResolveException) w.refused(base() + "/bad/json")).reason())
                    .isEqualTo(ResolveException.Reason.UNREADABLE);
            assertThat(((FetchException) w.refused(base() + "/bad/html")).reason())
                    .isEqualTo(FetchException.Reason.BAD_CONTENT_TYPE);
            for (int n = 2; n <= 5; n++) {
                assertThat(w.refused(bob + "/statuses/" + n)).as("post " + n).isInstanceOf(ResolveException.class);
            }
            assertThat(w.count()).isZero();
            w.resolved(bob + "/statuses/6");
            assertThat(w.count()).isEqualTo(1);
            assertThat(gets(path(bob, 2))).hasSize(2);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPostClaimingAnotherServersIdOrAuthorIsRefused(TestDatabase.Kind kind) throws Exception {
        with(kind, w -> {
            String bob = actor(base(), "bob");
            String elsewhere = rig.base("127.0.0.1") + "/users/bob";
            serve(path(bob, 1), MastodonNotes.note(bob, 1, null, Audience.PUBLIC, "x").put("attributedTo", elsewhere));
            serve(path(bob, 2), MastodonNotes.note(elsewhere, 2, null, Audience.PUBLIC, "x"));

            for (int n = 1; n <= 2; n++) {
                ResolveException e = (ResolveException) w.refused(bob + "/statuses/" + n);
                assertThat(e.reason()).isEqualTo(ResolveException.Reason.ORIGIN_MISMATCH);
            }
            // The author was never asked about it.
            assertThat(gets("/users/bob")).isEmpty();
            assertThat(w.count()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPageUrlResolvesToThePostAndThisInstancesUrlsAreNeverFetched(TestDatabase.Kind kind) throws Exception {
        String local = "127.0.0.1:" + rig.wm.port();
        with(kind, OutboundPolicy.development(), HostBlocks.none(), local, w -> {
            String bob = actor(base(), "bob");
            serve("/@bob/5", MastodonNotes.note(bob, 5, null, Audience.FOLLOWERS, "page"));
            Status s = w.resolved(base() + "/@bob/5");
            assertThat(s.uri()).isEqualTo(bob + "/statuses/5");
            assertThat(s.url()).isEqualTo(base() + "/@bob/5");
            assertThat(s.visibility()).isEqualTo(Visibility.PRIVATE);
            assertThat(w.resolved(base() + "/@bob/5").id()).isEqualTo(s.id());
            assertThat(gets("/@bob/5")).hasSize(1);

            ResolveException own = (ResolveException) w.refused("http://" + local + "/users/bob/statuses/5");
            assertThat(own.reason()).isEqualTo(ResolveException.Reason.REFUSED_HOST);
            assertThat(rig.wm.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Host")))
                    .doesNotContain(local);
            assertThat(w.count()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void fetchesBeyondTheCapFailAtOnceAndWorkLater(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(rig.vertx, database, 2)) {
            new Migrations(database).migrate();
            RemoteStatuses capped = new FetchingSide(rig.vertx, db, OutboundPolicy.development(), HostBlocks.none(),
                    "chorus.test", RemoteActorResolverTest.INSTANCE_KEY, clock,
                    new RemoteStatuses.Options(20, 32, 1)).statuses;
            String author = actor(base(), "slowpoke");
            rig.wm.stubFor(get(urlPathEqualTo(path(author, 1))).willReturn(aResponse().withStatus(200)
                    .withFixedDelay(3000).withHeader("Content-Type", MastodonNotes.CONTENT_TYPE)
                    .withBody(MastodonNotes.note(author, 1, null, Audience.PUBLIC, "slow").encode())));
            serve(path(author, 2), MastodonNotes.note(author, 2, null, Audience.PUBLIC, "quick"));

            io.vertx.core.Future<Status> slow = capped.resolve(author + "/statuses/1");
            // Until the slow fetch is under way; its server then holds the answer 3 s, the time the
            // second ask has to find the one slot taken.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (gets(path(author, 1)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(gets(path(author, 1))).as("the slow fetch reached its server").isNotEmpty();
            assertThat(slow.isComplete()).isFalse();
            Throwable busy = OutboundRig.failure(capped.resolve(author + "/statuses/2"));
            assertThat(busy).isInstanceOf(ResolveException.class);
            assertThat(((ResolveException) busy).reason()).isEqualTo(ResolveException.Reason.BUSY);
            assertThat(gets(path(author, 2))).isEmpty();

            assertThat(slow.await().uri()).isEqualTo(author + "/statuses/1");
            assertThat(capped.resolve(author + "/statuses/2").await().uri()).isEqualTo(author + "/statuses/2");
            capped.settled().await();
        }
    }
}
