package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.StatusView;
import social.chorus.process.status.StatusServices;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.FetchingSide;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.MastodonNotes.Audience;
import social.chorus.testing.TestDatabase;

/**
 * Remote accounts' pins read from their {@code featured} collection (Mastodon's person and
 * featured fixtures, served by WireMock) after the account is stored: in the collection's order,
 * only the actor's own posts, at most 20, replaced on refresh, nothing from a collection on
 * another host; shown by the client API's pinned list, never as the viewer's own pins.
 */
class RemoteFeaturedTest {
    private final OutboundRig rig = new OutboundRig();
    private final Clock clock = Clock.systemUTC();
    private final PinRepository pins = new PinRepository(clock);
    private final StatusRepository statuses = new StatusRepository(clock);
    private final AccountRepository accounts = new AccountRepository(clock);

    RemoteFeaturedTest() {
        rig.wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private interface Body {
        void run(Db db, FetchingSide side) throws Exception;
    }

    private void with(TestDatabase.Kind kind, Body body) throws Exception {
        with(kind, RemoteFeatured.Options.DEFAULT.unthrottled(), body);
    }

    private void with(TestDatabase.Kind kind, RemoteFeatured.Options options, Body body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(rig.vertx, database, 2)) {
            new Migrations(database).migrate();
            try (FetchingSide side = new FetchingSide(rig.vertx, db, OutboundPolicy.development(), HostBlocks.none(),
                    "chorus.test", RemoteActorResolverTest.INSTANCE_KEY, clock, RemoteStatuses.Options.DEFAULT,
                    options)) {
                body.run(db, side);
            }
        }
    }

    private static JsonObject fixture(String path) throws IOException {
        return new JsonObject(Files.readString(MastodonNotes.fixtures().resolve(path)));
    }

    /** Mastodon's person fixture moved to {@code base/users/name}, with the rig's key and {@code featured}. */
    private String person(String name, String featured) throws IOException {
        JsonObject p = fixture("mastodon/objects/person.json");
        String old = p.getString("id");
        String oldBase = old.substring(0, old.indexOf("/users/"));
        String id = rig.base() + "/users/" + name;
        JsonObject moved = new JsonObject(p.encode().replace(old, id).replace(oldBase, rig.base()));
        moved.put("preferredUsername", name);
        moved.getJsonObject("publicKey").put("publicKeyPem",
                social.chorus.federation.sig.Pem.encodePublic(OutboundRig.publicKey()));
        if (featured == null) {
            moved.remove("featured");
        } else {
            moved.put("featured", featured);
        }
        serve("/users/" + name, moved);
        return id;
    }

    /** Mastodon's featured collection fixture at {@code actorId/collections/featured}, with these items. */
    private void featured(String actorId, JsonArray items) throws IOException {
        JsonObject c = fixture("mastodon/collections/featured.json");
        c.put("id", actorId + "/collections/featured").put("totalItems", items.size()).put("orderedItems", items);
        serve(java.net.URI.create(actorId).getPath() + "/collections/featured", c);
    }

    private void serve(String path, JsonObject doc) {
        rig.wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE).withBody(doc.encode())));
    }

    private void note(String actorId, int n, Audience audience) {
        serve(java.net.URI.create(actorId).getPath() + "/statuses/" + n,
                MastodonNotes.note(actorId, n, null, audience, "post " + n));
    }

    private Account resolve(FetchingSide side, String actorId) {
        Account a = side.accounts.refresh(actorId).await();
        side.settled().await();
        return a;
    }

    private List<String> pinnedUris(Db db, long accountId) {
        return db.read(dsl -> pins.pinnedIds(dsl, accountId).stream()
                .map(id -> statuses.findById(dsl, id).orElseThrow().uri()).toList()).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pinsAreReadInOrderAndShownByTheApiAndRefreshedPinsReplaceThem(TestDatabase.Kind kind) throws Exception {
        with(kind, (db, side) -> {
            String bob = person("bob", rig.base() + "/users/bob/collections/featured");
            String carol = person("carol", null);
            note(bob, 1, Audience.PUBLIC);
            note(bob, 2, Audience.FOLLOWERS);
            note(carol, 9, Audience.PUBLIC);
            // Embedded (as Mastodon sends them), by id, someone else's post, a post on another host.
            featured(bob, new JsonArray()
                    .add(MastodonNotes.note(bob, 3, null, Audience.PUBLIC, "embedded"))
                    .add(bob + "/statuses/1")
                    .add(carol + "/statuses/9")
                    .add(bob + "/statuses/2")
                    .add(rig.base("127.0.0.1") + "/users/bob/statuses/4"));
            Account b = resolve(side, bob);
            assertThat(db.read(dsl -> accounts.featuredUrl(dsl, b.id())).await())
                    .contains(bob + "/collections/featured");
            assertThat(pinnedUris(db, b.id())).containsExactly(bob + "/statuses/3", bob + "/statuses/1",
                    bob + "/statuses/2");

            // The client API's list: what the caller may see (no followers-only post to a stranger),
            // in the collection's order, and not flagged as the viewer's own pins.
            StatusServices api = StatusServices.create(db, clock, new LocalIds("https://chorus.test"), "chorus.test",
                    500);
            long viewer = db.read(dsl -> accounts.findByUri(dsl, carol)).await().orElseThrow().id();
            List<StatusView> shown = api.pins().pinnedOf(viewer, b.id()).await();
            assertThat(shown).extracting(v -> v.status().uri()).containsExactly(bob + "/statuses/3",
                    bob + "/statuses/1");
            assertThat(shown).allMatch(v -> !v.viewer().pinned());

            // Refreshed: the collection as it is now replaces what was pinned.
            featured(bob, new JsonArray().add(bob + "/statuses/2").add(bob + "/statuses/1"));
            resolve(side, bob);
            assertThat(pinnedUris(db, b.id())).containsExactly(bob + "/statuses/2", bob + "/statuses/1");
            featured(bob, new JsonArray());
            resolve(side, bob);
            assertThat(pinnedUris(db, b.id())).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFeaturedCollectionOnAnotherHostIsIgnored(TestDatabase.Kind kind) throws Exception {
        with(kind, (db, side) -> {
            String elsewhere = rig.base("127.0.0.1") + "/users/bob/collections/featured";
            String bob = person("bob", elsewhere);
            note(bob, 1, Audience.PUBLIC);
            featured(bob, new JsonArray().add(bob + "/statuses/1"));
            Account b = resolve(side, bob);
            assertThat(db.read(dsl -> accounts.featuredUrl(dsl, b.id())).await()).isEmpty();
            assertThat(pinnedUris(db, b.id())).isEmpty();
            assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/users/bob/collections/featured")))).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void atMostTwentyItemsAreRead(TestDatabase.Kind kind) throws Exception {
        with(kind, (db, side) -> {
            String bob = person("bob", rig.base() + "/users/bob/collections/featured");
            JsonArray items = new JsonArray();
            for (int n = 1; n <= 25; n++) {
                note(bob, n, Audience.PUBLIC);
                items.add(bob + "/statuses/" + n);
            }
            featured(bob, items);
            Account b = resolve(side, bob);
            List<String> pinned = pinnedUris(db, b.id());
            assertThat(pinned).hasSize(20).startsWith(bob + "/statuses/1").endsWith(bob + "/statuses/20");
            assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/users/bob/statuses/21")))).isEmpty();
        });
    }

    /**
     * A server cannot keep this one reading: an account's collection is read at most once in ten
     * minutes however often it is refreshed, one host's collections at most a budget per hour,
     * and someone else's post embedded in a collection is not stored (nor, so, its author, whose
     * own collection would be read next).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void readsAreBoundedPerAccountAndPerHost(TestDatabase.Kind kind) throws Exception {
        with(kind, new RemoteFeatured.Options(20, 8, java.time.Duration.ofMinutes(10), 2), (db, side) -> {
            String bob = person("bob", rig.base() + "/users/bob/collections/featured");
            String dave = person("dave", rig.base() + "/users/dave/collections/featured");
            String erin = person("erin", rig.base() + "/users/erin/collections/featured");
            note(bob, 1, Audience.PUBLIC);
            featured(bob, new JsonArray().add(bob + "/statuses/1")
                    .add(MastodonNotes.note(dave, 5, null, Audience.PUBLIC, "dave's, embedded")));
            featured(dave, new JsonArray());
            featured(erin, new JsonArray());

            Account b = resolve(side, bob);
            resolve(side, bob);
            resolve(side, bob);
            assertThat(pinnedUris(db, b.id())).containsExactly(bob + "/statuses/1");
            assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/users/bob/collections/featured")))).hasSize(1);
            assertThat(db.read(dsl -> statuses.findByUri(dsl, dave + "/statuses/5")).await()).isEmpty();
            assertThat(db.read(dsl -> accounts.findByUri(dsl, dave)).await()).isEmpty();

            // The host's budget of two reads an hour: bob's and dave's; erin's waits.
            resolve(side, dave);
            resolve(side, erin);
            assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/users/dave/collections/featured")))).hasSize(1);
            assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/users/erin/collections/featured")))).isEmpty();
        });
    }
}
