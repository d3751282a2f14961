package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;
import social.chorus.testing.Fixtures;
import social.chorus.testing.TestDatabase;

/** Remote actors resolved, stored, served from storage while fresh and refreshed after a day. */
class RemoteAccountsTest {
    /** A clock the test moves by hand; starts now so that signatures stay within the verifier's window. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private interface Body {
        void run(RemoteAccounts remote, Db db, AccountRepository repo) throws Exception;
    }

    private final OutboundRig rig = new OutboundRig();
    private final MovableClock clock = new MovableClock();

    @AfterEach
    void close() {
        rig.close();
    }

    private void with(TestDatabase.Kind kind, Body body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(rig.vertx, database, 2)) {
            new Migrations(database).migrate();
            Outbound out = rig.devOutbound();
            RemoteActorResolver resolver = new RemoteActorResolver(rig.vertx, out.fetcher(), out.webFinger(),
                    new JsonLdReader(), () -> Future.succeededFuture(RemoteActorResolverTest.INSTANCE_KEY));
            AccountRepository repo = new AccountRepository(clock);
            body.run(new RemoteAccounts(resolver, db, repo, clock, RemoteAccounts.DEFAULT_MAX_AGE, "chorus.test"),
                    db, repo);
        }
    }

    private String host() {
        return "localhost:" + rig.wm.port();
    }

    private void serve(String path, JsonObject doc) {
        rig.wm.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", ActorDocs.AS)
                .withBody(doc.encode())));
    }

    private void serveBob(JsonObject person, long followers, long following, long statuses) {
        String id = rig.base() + "/users/bob";
        serve("/users/bob", person);
        serve("/users/bob/followers", ActorDocs.collection(id + "/followers", followers));
        serve("/users/bob/following", ActorDocs.collection(id + "/following", following));
        serve("/users/bob/outbox", ActorDocs.collection(id + "/outbox", statuses));
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger")).withQueryParam("resource", equalTo("acct:bob@" + host()))
                .willReturn(aResponse().withHeader("Content-Type", "application/jrd+json").withBody(
                        "{\"subject\":\"acct:bob@" + host() + "\",\"links\":[{\"rel\":\"self\",\"type\":"
                                + "\"application/activity+json\",\"href\":\"" + id + "\"}]}")));
    }

    private int actorFetches() {
        return rig.wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/users/bob")))
                .size();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void resolvingAHandleStoresTheActorWithKeysEndpointsAndCounts(TestDatabase.Kind kind) throws Exception {
        with(kind, (remote, db, repo) -> {
            serveBob(ActorDocs.person(rig.base(), "bob")
                    .put("summary", "<p>Hi <script>alert(1)</script><a href=\"javascript:x()\">x</a></p>"), 42, 7, 1234);

            Account bob = remote.resolve("@bob@" + host()).await();

            String id = rig.base() + "/users/bob";
            assertThat(bob.id()).isPositive();
            assertThat(bob.local()).isFalse();
            assertThat(bob.acct()).isEqualTo("bob@" + host());
            assertThat(bob.uri()).isEqualTo(id);
            assertThat(bob.displayName()).isEqualTo("The bob");
            assertThat(bob.note()).doesNotContain("script").doesNotContain("javascript").contains("Hi");
            assertThat(bob.endpoints().inbox()).isEqualTo(id + "/inbox");
            assertThat(bob.endpoints().sharedInbox()).isEqualTo(rig.base() + "/inbox");
            assertThat(bob.endpoints().followers()).isEqualTo(id + "/followers");
            assertThat(bob.publicKey().id()).isEqualTo(id + "#main-key");
            assertThat(Pem.decodePublic(bob.publicKey().encoded())).isEqualTo(OutboundRig.publicKey());
            assertThat(bob.flags().discoverable()).isTrue();
            assertThat(bob.flags().indexable()).isFalse();
            assertThat(bob.counts()).isEqualTo(new Account.AccountCounts(42, 7, 1234));
            assertThat(bob.fetchedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
            assertThat(db.read(dsl -> repo.findByUri(dsl, id)).await()).contains(bob);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFreshAccountIsServedFromStorageAndRefreshedAfterADay(TestDatabase.Kind kind) throws Exception {
        with(kind, (remote, db, repo) -> {
            serveBob(ActorDocs.person(rig.base(), "bob"), 42, 7, 1234);
            Account first = remote.resolve(rig.base() + "/users/bob").await();
            assertThat(actorFetches()).isEqualTo(1);

            clock.advance(Duration.ofHours(23));
            assertThat(remote.resolve(rig.base() + "/users/bob").await()).isEqualTo(first);
            assertThat(remote.resolve("bob@" + host()).await()).isEqualTo(first);
            assertThat(actorFetches()).isEqualTo(1);

            clock.advance(Duration.ofHours(2));
            serveBob(ActorDocs.person(rig.base(), "bob").put("name", "Bob renamed"), 43, 8, 1235);
            rig.wm.stubFor(get(urlEqualTo("/users/bob/outbox")).willReturn(aResponse().withStatus(500)));
            Account refreshed = remote.resolve(rig.base() + "/users/bob").await();

            assertThat(actorFetches()).isEqualTo(2);
            assertThat(refreshed.id()).isEqualTo(first.id());
            assertThat(refreshed.displayName()).isEqualTo("Bob renamed");
            // the outbox could not be read this time: its count is kept, the others are updated
            assertThat(refreshed.counts()).isEqualTo(new Account.AccountCounts(43, 8, 1234));
            assertThat(refreshed.fetchedAt()).isAfter(first.fetchedAt());
            assertThat(refreshed.createdAt()).isEqualTo(first.createdAt());
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keysThatTheActorDoesNotOwnAreNotStored(TestDatabase.Kind kind) throws Exception {
        with(kind, (remote, db, repo) -> {
            JsonObject person = ActorDocs.person(rig.base(), "bob");
            person.getJsonObject("publicKey").put("id", "https://victim.example/users/v#main-key")
                    .put("owner", "https://victim.example/users/v");
            serveBob(person, 0, 0, 0);
            Account bob = remote.refresh(rig.base() + "/users/bob").await();
            assertThat(bob.publicKey()).isNull();
            assertThat(db.read(dsl -> repo.findByKeyId(dsl, "https://victim.example/users/v#main-key")).await()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anotherActorHoldingTheSameHandleIsReported(TestDatabase.Kind kind) throws Exception {
        with(kind, (remote, db, repo) -> {
            Account squatter = Fixtures.remotePerson("bob", host());
            db.tx(dsl -> repo.upsertRemote(dsl, new Account(0, "bob", host(), squatter.type(),
                    rig.base() + "/users/old-bob", null, "", null, squatter.endpoints(), null, null, squatter.flags(),
                    squatter.counts(), null, null, null))).await();
            serveBob(ActorDocs.person(rig.base(), "bob"), 0, 0, 0);
            Throwable t = OutboundRig.failure(remote.refresh(rig.base() + "/users/bob"));
            assertThat(t).isInstanceOfSatisfying(ResolveException.class,
                    e -> assertThat(e.reason()).isEqualTo(ResolveException.Reason.HANDLE_TAKEN));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void handlesOnTheLocalDomainAreNeverFetched(TestDatabase.Kind kind) throws Exception {
        with(kind, (remote, db, repo) -> {
            Throwable t = OutboundRig.failure(remote.resolve("@nobody@chorus.test"));
            assertThat(t).isInstanceOfSatisfying(WebFingerException.class,
                    e -> assertThat(e.reason()).isEqualTo(WebFingerException.Reason.NOT_FOUND));
            assertThat(rig.wm.getAllServeEvents()).isEmpty();
        });
    }
}
